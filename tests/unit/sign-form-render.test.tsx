import { NextIntlClientProvider } from 'next-intl';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SignerKind } from '@/db/schema/campaigns';
import { loadMessages } from '@/lib/i18n/messages';
import { SignForm } from '@/app/[locale]/c/[slug]/sign-form';

async function render(kinds: SignerKind[], locale = 'en') {
  const messages = await loadMessages(locale);
  return renderToString(
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <SignForm
        action={async () => ({ status: 'idle' })}
        permalink="/en/c/x#sign"
        countries={[{ code: 'FR', name: 'France' }]}
        consent="I sign this letter"
        confirmationDays={7}
        kinds={kinds}
        documentKind="letter"
      />
    </NextIntlClientProvider>,
  );
}

/** Names of the form's controls, one entry per control. */
const controlNames = (html: string) => [...html.matchAll(/<(?:input|select)\b[^>]*\bname="([^"]+)"/g)].map((match) => match[1]);
const labels = (html: string) => [...html.matchAll(/<label[^>]*>([^<]*)<\/label>/g)].map((match) => match[1]);

describe('the sign form as served, before any JavaScript runs', () => {
  it('shows every accepted kind’s fields, each marked for its kind, with no label or field twice', async () => {
    const html = await render(['individual', 'notable', 'organisation', 'group']);
    for (const kind of ['notable', 'organisation', 'group']) expect(html).toMatch(new RegExp(`<fieldset class="field" data-kind="${kind}">`));
    expect(html).toContain('Only if you sign on behalf of an organisation.');
    expect(html).not.toMatch(/\shidden=/);
    const names = controlNames(html).filter((name) => !['kind', 'ecosocStatus', 'visibility'].includes(name));
    expect(names.length).toBe(new Set(names).size);
    expect(names).toContain('organisationWebsite');
    expect(names.filter((name) => name === 'website')).toHaveLength(1);
    const texts = labels(html);
    expect(texts.length).toBe(new Set(texts).size);
    for (const value of ['individual', 'notable', 'organisation', 'group']) expect(html).toContain(`name="kind" ${value === 'individual' ? 'checked="" ' : ''}value="${value}"`);
  });

  it('keeps an individual-only letter’s form as it was, with three levels of visibility', async () => {
    const html = await render(['individual']);
    expect(html).not.toContain('data-kind');
    expect(html).not.toContain('name="organisationName"');
    expect(html).toContain('<input type="hidden" name="kind" value="individual"/>');
    expect(controlNames(html)).toEqual(['website', 'kind', 'givenName', 'familyName', 'title', 'email', 'country', 'visibility', 'visibility', 'visibility', 'consent', 'updates']);
    expect(labels(html)).toContain('Counted only: my name appears nowhere; I am counted');
  });

  it('asks a group-only letter’s signers for a contact person, counted unless they choose', async () => {
    const html = await render(['group'], 'fr');
    expect(html).toContain('<legend>Personne de contact</legend>');
    expect(html).toMatch(/id="sign-visibility-counted"[^>]*checked=""/);
  });
});
