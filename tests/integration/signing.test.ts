import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { signatures, signatureTokens } from '@/db/schema';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { AppError } from '@/lib/errors';
import { confirmSignature, getConfirmation } from '@/lib/signatures/confirm-signature';
import { listPublicSigners } from '@/lib/signatures/list-public-signers';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { confirmationTokenFor, createPublishedCampaign, mailsTo, publicCount, signInput, unique } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const en = { locale: 'en' };

const count = publicCount;

/** Lets the next repeat submission mail the owner again, as if the throttle interval had passed. */
async function forgetLastMail(email: string) {
  const db = await getDb();
  await db.update(signatures).set({ lastMailedAt: sql`now() - interval '1 hour'` }).where(eq(signatures.email, email));
}

describe('signing a campaign', () => {
  it('takes a pending signature that counts only once confirmed', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await expect(signCampaign(campaign.slug, input, en)).resolves.toEqual({ status: 'pending_confirmation' });
    expect(await count(campaign.slug)).toBe(0);

    const [mail] = await mailsTo(input.email);
    expect(mail.kind).toBe('confirm-signature');
    expect(mail.subject).toContain(campaign.title);
    expect(mail.text).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}/);

    const token = await confirmationTokenFor(input.email);
    expect(await confirmSignature(token)).toBe('confirmed');
    expect(await count(campaign.slug)).toBe(1);
  });

  it('stores only a hash of the confirmation token', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    const token = await confirmationTokenFor(input.email);
    const db = await getDb();
    const rows = await db.select().from(signatureTokens);
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it('records which consent text was agreed to, and when', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'fr' });
    const db = await getDb();
    const [row] = await db.select().from(signatures).where(eq(signatures.email, input.email));
    expect(row.consentVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.consentLocale).toBe('fr');
    expect(row.consentedAt).toBeInstanceOf(Date);
  });

  it('mails in the signer’s language', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'fr' });
    const [mail] = await mailsTo(input.email);
    expect(mail.subject).toMatch(/^Confirmez votre signature/);
    expect(mail.html).toContain('lang="fr"');
  });
});

describe('one signature per person', () => {
  it('treats case, spaces and +tag variants as the same person, with the same answer', async () => {
    const { campaign } = await createPublishedCampaign();
    const local = unique('dup');
    const first = signInput({ email: `${local}@example.org` });
    const answers = [];
    answers.push(await signCampaign(campaign.slug, first, en));
    for (const variant of [`  ${local.toUpperCase()}@Example.ORG `, `${local}+petition@example.org`]) {
      await forgetLastMail(first.email);
      answers.push(await signCampaign(campaign.slug, signInput({ email: variant, givenName: 'Other' }), en));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);

    const db = await getDb();
    const rows = await db.select().from(signatures).where(eq(signatures.campaignId, campaign.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].givenName).toBe('Ana');
    // The owner of the address got a fresh link each time, at the address first given.
    expect((await mailsTo(first.email)).map((m) => m.kind)).toEqual(['confirm-signature', 'confirm-signature', 'confirm-signature']);
  });

  it('tells a confirmed signer they already signed, and counts them once', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    await confirmSignature(await confirmationTokenFor(input.email));
    await forgetLastMail(input.email);
    await expect(signCampaign(campaign.slug, { ...input, email: input.email.toUpperCase() }, en)).resolves.toEqual({
      status: 'pending_confirmation',
    });
    expect((await mailsTo(input.email)).map((m) => m.kind)).toEqual(['confirm-signature', 'already-signed']);
    expect(await count(campaign.slug)).toBe(1);
  });

  it('does not flood an inbox: a repeat within a minute sends no further mail', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    for (let i = 0; i < 5; i++) await signCampaign(campaign.slug, input, en);
    expect(await mailsTo(input.email)).toHaveLength(1);
  });

  it('keeps one signature when the same person submits many times at once', async () => {
    const { campaign } = await createPublishedCampaign();
    const local = unique('race');
    const variants = Array.from({ length: 8 }, (_, i) => signInput({ email: i % 2 ? `${local}+${i}@example.org` : `${local}@EXAMPLE.org` }));
    const results = await Promise.allSettled(variants.map((v) => signCampaign(campaign.slug, v, en)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const db = await getDb();
    const rows = await db.select().from(signatures).where(eq(signatures.campaignId, campaign.id));
    expect(rows).toHaveLength(1);
  });
});

describe('confirming', () => {
  it('does not confirm when the link is only looked at', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    const token = await confirmationTokenFor(input.email);
    const view = await getConfirmation(token);
    expect(view.outcome).toBe('ready');
    expect(view.signature?.givenName).toBe('Ana');
    expect(await count(campaign.slug)).toBe(0);
  });

  it('counts a double confirmation once and answers confirmed both times', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    const token = await confirmationTokenFor(input.email);
    expect(await confirmSignature(token)).toBe('confirmed');
    expect(await confirmSignature(token)).toBe('already-confirmed');
    expect(await count(campaign.slug)).toBe(1);
  });

  it('counts concurrent confirmations once', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    const token = await confirmationTokenFor(input.email);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => confirmSignature(token)));
    expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already-confirmed')).toHaveLength(9);
    expect(await count(campaign.slug)).toBe(1);
  });

  it('refuses an expired link, and a new submission sends a fresh one that works', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    const stale = await confirmationTokenFor(input.email);
    const db = await getDb();
    await db.update(signatureTokens).set({ expiresAt: sql`now() - interval '1 minute'` });
    expect(await confirmSignature(stale)).toBe('expired');
    expect(await count(campaign.slug)).toBe(0);

    await forgetLastMail(input.email);
    await signCampaign(campaign.slug, input, en);
    const fresh = await confirmationTokenFor(input.email);
    expect(fresh).not.toBe(stale);
    expect(await confirmSignature(fresh)).toBe('confirmed');
  });

  it('answers not-found for unknown or malformed tokens', async () => {
    expect(await confirmSignature('A'.repeat(43))).toBe('not-found');
    expect(await confirmSignature("' or 1=1 --")).toBe('not-found');
    expect((await getConfirmation('short')).outcome).toBe('not-found');
  });
});

describe('who is shown', () => {
  it('lists public signers and only counts those who chose not to be named', async () => {
    const { campaign } = await createPublishedCampaign();
    const named = signInput({ givenName: 'Helena', familyName: 'Marsh', title: 'Professor' });
    const hidden = signInput({ givenName: 'Hidden', familyName: 'Person', visibility: 'counted' });
    for (const input of [named, hidden]) {
      await signCampaign(campaign.slug, input, en);
      await confirmSignature(await confirmationTokenFor(input.email));
    }
    expect(await count(campaign.slug)).toBe(2);
    const shown = await listPublicSigners(campaign.id);
    expect(shown).toEqual([{ name: 'Helena Marsh', title: 'Professor', country: 'FR', confirmedAt: expect.any(String) }]);
    expect(JSON.stringify(shown)).not.toContain('@');
  });

  it('never shows unconfirmed signers', async () => {
    const { campaign } = await createPublishedCampaign();
    await signCampaign(campaign.slug, signInput(), en);
    expect(await listPublicSigners(campaign.id)).toEqual([]);
  });
});

describe('campaign state', () => {
  it('refuses signatures on a closed campaign, and confirmations after it closed', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    // Closed a moment after a signature, while signing still holds a recent copy of the letter.
    await updateCampaign(caller, campaign.slug, { status: 'closed' });
    const late = signInput();
    await expect(signCampaign(campaign.slug, late, en)).rejects.toMatchObject({ code: 'campaign_closed' });
    expect(await mailsTo(late.email)).toHaveLength(0);
    expect(await confirmSignature(await confirmationTokenFor(input.email))).toBe('closed');
    expect(await count(campaign.slug)).toBe(0);
    // Reopened: signatures are taken again at once.
    await updateCampaign(caller, campaign.slug, { status: 'published' });
    await expect(signCampaign(campaign.slug, late, en)).resolves.toEqual({ status: 'pending_confirmation' });
  });

  it('refuses signatures after the deadline day', async () => {
    const { campaign } = await createPublishedCampaign(undefined, { deadline: '2020-01-31' });
    await expect(signCampaign(campaign.slug, signInput(), en)).rejects.toMatchObject({ code: 'campaign_closed' });
  });

  it('treats a draft or unknown campaign as not found', async () => {
    await expect(signCampaign('no-such-letter', signInput(), en)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('bad input', () => {
  it('answers with field errors and writes nothing', async () => {
    const { campaign } = await createPublishedCampaign();
    const error = await signCampaign(
      campaign.slug,
      { givenName: ' ', familyName: 'x'.repeat(101), email: 'not-an-email', country: 'XX', visibility: 'secret', consent: false, admin: true },
      en,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields).sort()).toEqual(['admin', 'consent', 'country', 'email', 'familyName', 'givenName', 'visibility']);
    const db = await getDb();
    expect(await db.select().from(signatures).where(eq(signatures.campaignId, campaign.id))).toHaveLength(0);
  });

  it('refuses names with control or direction-override characters', async () => {
    const { campaign } = await createPublishedCampaign();
    const error = await signCampaign(campaign.slug, signInput({ givenName: 'Ana\u202Eevil' }), en).catch((e) => e);
    expect(error.fields).toHaveProperty('givenName');
  });
});
