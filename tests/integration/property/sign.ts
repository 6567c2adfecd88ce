import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAction, type SignFormState } from '@/app/[locale]/c/[slug]/actions';
import { POST } from '@/app/api/v1/campaigns/[slug]/signatures/route';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import type { Caller } from '@/lib/auth/caller';
import { refuseByFields, refuseByHeaders } from '@/lib/http/action-request';
import { formToObject } from '@/lib/http/form-data';
import { readSignForm, SIGN_FIELDS } from '@/lib/http/read-sign-form';
import { signSchema } from '@/lib/schemas/signature';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { createPublishedCampaign, signInput } from '../../helpers/fixtures';
import {
  cleanAnswer,
  COUNTRY,
  ECOSOC,
  EMAIL,
  expectNoPrototypePollution,
  expectValidSignature,
  jsonBody,
  jsonRequest,
  mixOf,
  KIND,
  NAME,
  nastyString,
  objectOf,
  PROPERTY_RUNS,
  propertyParameters,
  sometimes,
  storedSignatures,
  VISIBILITY,
} from '../../helpers/property';
import { request, countPayload } from './context';

// Limits off: every payload must reach the schema and the database, not stop at a 429.
// Someone who signed before the run: no answer to anyone else may name them.
const BYSTANDER = { givenName: 'Zzbystandergiven', familyName: 'Zzbystanderfamily', email: 'zz-bystander-secret@example.org' };
const FORBIDDEN = [BYSTANDER.givenName, BYSTANDER.familyName, BYSTANDER.email];

let owner: Caller;
let apiSlug: string;
let formSlug: string;
const accepted = { api: new Set<string>(), form: new Set<string>() };
const ran = { api: 0, form: 0 };

const organisation = objectOf({
  name: sometimes(NAME),
  country: sometimes(COUNTRY, 2),
  website: sometimes(fc.constantFrom('https://example.org', 'example.org', 'javascript:alert(1)', 'http://x', 'ftp://a.b', ''), 2),
  ecosocStatus: sometimes(ECOSOC),
});
const group = objectOf({
  label: sometimes(NAME, 3),
  members: sometimes(fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.constantFrom('12', '1e3', '0x10', '3.5', ' 4 ', 'Infinity')), 4),
  relationship: sometimes(NAME, 2),
});

const GOOD_NAME = fc.constantFrom('Ana', 'Velez', 'Mahsa', 'Karimi', 'پرستو', 'امینی\u200Cزاده', 'عبدالله', 'José María', "O'Brien", 'Nguyễn', 'Zoë', '李小龍');

/** A signer the schema takes, of any kind and visibility. */
const goodSigner = fc
  .record({
    kind: fc.constantFrom(...SIGNER_KINDS),
    givenName: GOOD_NAME,
    familyName: GOOD_NAME,
    email: fc.uuid().map((id) => `s-${id.slice(0, 13)}@example.org`),
    country: fc.constantFrom('FR', 'IR', 'SY', 'CH', 'af', ' de '),
    visibility: fc.constantFrom('public', 'confidential', 'counted'),
    title: fc.option(GOOD_NAME, { nil: undefined }),
    updates: fc.boolean(),
    extra: fc.record({ name: GOOD_NAME, ecosocStatus: fc.constantFrom('general', 'special', 'roster', 'none'), members: fc.integer({ min: 1, max: 100_000 }) }),
  })
  .map(({ kind, extra, title, ...signer }) => ({
    ...signer,
    kind,
    consent: true,
    ...(kind === 'individual' && title ? { title } : {}),
    ...(kind === 'notable' ? { honorific: 'Prof.', title: title ?? 'Judge', affiliation: extra.name } : {}),
    ...(kind === 'organisation' ? { organisation: { name: extra.name, ecosocStatus: extra.ecosocStatus, website: 'example.org' } } : {}),
    ...(kind === 'group' ? { group: { label: extra.name, members: extra.members } } : {}),
  }));

const SIGN_KEYS = ['kind', 'honorific', 'givenName', 'familyName', 'email', 'country', 'title', 'affiliation', 'organisation', 'group', 'visibility', 'consent', 'updates'];

/** Anything shaped roughly like a signer: each field right, missing or hostile. */
const looseSigner = objectOf({
  kind: sometimes(KIND, 3),
  honorific: sometimes(fc.constantFrom('Prof.', 'Dr', 'H.E.'), 1),
  givenName: sometimes(NAME),
  familyName: sometimes(NAME),
  email: sometimes(EMAIL, 8),
  country: sometimes(COUNTRY, 6),
  title: sometimes(nastyString, 1),
  affiliation: sometimes(nastyString, 1),
  organisation: sometimes(organisation, 1),
  group: sometimes(group, 1),
  visibility: sometimes(VISIBILITY, 6),
  consent: sometimes(fc.constantFrom(true, true, true, 'true', 1, false, 'on'), 8),
  updates: sometimes(fc.boolean(), 2),
});

const signBody = mixOf(goodSigner, SIGN_KEYS, looseSigner);

const slugOf = (main: string) => fc.oneof({ weight: 20, arbitrary: fc.constant(main) }, { weight: 1, arbitrary: fc.constantFrom('no-such-letter', 'api', '..', '%00', 'x'.repeat(300)) });

/** The canonical address a payload would be stored under, when the schema takes it. */
function signerOf(input: unknown): string | null {
  const parsed = signSchema.safeParse(input);
  return parsed.success ? canonicaliseEmail(parsed.data.email) : null;
}

export function describeSignProperties(): void {
  describe('property: the sign API and the sign form', () => {
    beforeAll(async () => {
      const api = await createPublishedCampaign(undefined, { signerKinds: [...SIGNER_KINDS] } as never);
      owner = api.caller;
      apiSlug = api.campaign.slug;
      formSlug = (await createPublishedCampaign(owner, { signerKinds: [...SIGNER_KINDS] } as never)).campaign.slug;
      for (const slug of [apiSlug, formSlug]) {
        await signCampaign(slug, signInput({ ...BYSTANDER, visibility: 'confidential' }), { locale: 'en' });
      }
    });

    afterAll(() => {
      console.log(`[property] sign API: ${ran.api} payloads, ${accepted.api.size} new signers; sign form: ${ran.form} payloads, ${accepted.form.size} new signers`);
    });

    it('the sign API answers every body with a 202 or a clean 4xx, and stores only what it accepted', async () => {
      const headers = fc.record({
        'accept-language': fc.constantFrom('en', 'fr', 'fa-IR,fa;q=0.9', 'ar', '*', 'xx-YY', ';;;', ''),
        'x-forwarded-for': fc.constantFrom('203.0.113.7', '2001:db8::1', 'not-an-ip', '', '1.1.1.1, 2.2.2.2'),
      });
      await fc.assert(
        fc.asyncProperty(signBody, jsonBody(signBody), fc.boolean(), slugOf(apiSlug), headers, async (object, raw, asObject, slug, sent) => {
          ran.api++;
          countPayload();
          const text = asObject ? JSON.stringify(object) : raw;
          request.headers = new Headers(sent);
          const response = await POST(jsonRequest(`http://localhost/api/v1/campaigns/${encodeURIComponent(slug)}/signatures`, text, sent), { params: Promise.resolve({ slug }) });
          const answer = await cleanAnswer(response, FORBIDDEN);
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          const signer = slug === apiSlug ? signerOf(parsed) : null;
          if (signer) {
            expect(answer.status, answer.text).toBe(202);
            expect(JSON.parse(answer.text)).toEqual({ status: 'pending_confirmation' });
            accepted.api.add(signer);
          } else expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
        }),
        propertyParameters(PROPERTY_RUNS.signApi),
      );
      expect(ran.api).toBeGreaterThanOrEqual(PROPERTY_RUNS.signApi);
      await expectOnlyAccepted(apiSlug, accepted.api);
    }, 120_000);

    it('the sign form, posted as a browser posts it, answers every form with a state the page can show', async () => {
      const looseForm = fc.record(
        Object.fromEntries(SIGN_FIELDS.map((field) => [field, sometimes(fieldValue(field), 6)])) as Record<string, fc.Arbitrary<unknown>>,
        { requiredKeys: [] },
      );
      const goodForm = goodSigner.map(formOf);
      const oneBadInput = fc.tuple(goodForm, fc.constantFrom(...SIGN_FIELDS), fc.option(fc.oneof(nastyString, fc.constantFrom(...SIGN_FIELDS).chain(fieldValue)), { freq: 4 })).map(([form, key, value]) => {
        const out: Record<string, unknown> = { ...form };
        if (value === null) delete out[key];
        else out[key] = value;
        return out;
      });
      const formFields = fc.oneof({ weight: 2, arbitrary: goodForm }, { weight: 4, arbitrary: oneBadInput }, { weight: 4, arbitrary: looseForm });
      const extra = fc.array(fc.tuple(fc.constantFrom('website', '__proto__', 'constructor', '$ACTION_KEY', '0', 'kind', 'email', 'zz'), nastyString), { maxLength: 3 });
      const locale = fc.constantFrom('en', 'fr', 'fa', 'ar', 'xx', '../en', '');
      await fc.assert(
        fc.asyncProperty(formFields, extra, slugOf(formSlug), locale, fc.boolean(), async (fields, more, slug, pageLocale, honeypotless) => {
          ran.form++;
          countPayload();
          const form = browserForm(fields, more, slug, pageLocale);
          const post = new Request(`http://localhost/${pageLocale}/c/${slug}`, { method: 'POST', body: form, headers: { origin: 'http://localhost', host: 'localhost' } });
          // What proxy.ts checks before Next.js decodes the action; a form our page sends must pass.
          expect(refuseByHeaders(post.headers)).toBeNull();
          const received = await post.formData();
          expect(refuseByFields(received, false)).toBeNull();
          if (honeypotless) received.delete('website');
          request.headers = new Headers({ 'x-forwarded-for': '198.51.100.9' });
          const state: SignFormState = await signAction(slug, pageLocale, { status: 'idle' }, received);

          expect(['sent', 'invalid', 'closed'], JSON.stringify(state).slice(0, 300)).toContain(state.status);
          for (const secret of FORBIDDEN) expect(JSON.stringify(state)).not.toContain(secret);
          // Like the action, the last of repeated fields counts.
          const honeypot = formToObject(received).website;
          const filledHoneypot = typeof honeypot === 'string' && honeypot.trim() !== '';
          if (state.status === 'sent' && !filledHoneypot && slug === formSlug) {
            const signer = signerOf(readBack(received));
            expect(signer, 'a form the schema refuses was answered "sent"').not.toBeNull();
            accepted.form.add(signer!);
          }
          if (state.status === 'invalid') expect(Object.keys(state.fieldErrors).length).toBeGreaterThan(0);
        }),
        propertyParameters(PROPERTY_RUNS.signForm),
      );
      expect(ran.form).toBeGreaterThanOrEqual(PROPERTY_RUNS.signForm);
      await expectOnlyAccepted(formSlug, accepted.form);
    }, 120_000);
  });
}

function fieldValue(field: string): fc.Arbitrary<unknown> {
  switch (field) {
    case 'kind':
      return KIND;
    case 'email':
      return EMAIL;
    case 'country':
    case 'organisationCountry':
      return COUNTRY;
    case 'visibility':
      return VISIBILITY;
    case 'ecosocStatus':
      return ECOSOC;
    case 'groupMembers':
      return fc.constantFrom('1', '12', '1112', '0', '-3', '1e3', 'many', '100001');
    case 'consent':
    case 'updates':
      return fc.constantFrom('on', 'on', 'true', 'off', '');
    case 'givenName':
    case 'familyName':
    case 'organisationName':
    case 'groupLabel':
      return NAME;
    default:
      return fc.oneof(NAME, nastyString);
  }
}

/** A signer's fields as the sign form names them. */
function formOf(signer: Record<string, unknown>): Record<string, unknown> {
  const organisation = signer.organisation as { name: string; ecosocStatus: string; website: string } | undefined;
  const group = signer.group as { label: string; members: number } | undefined;
  return {
    kind: signer.kind,
    givenName: signer.givenName,
    familyName: signer.familyName,
    email: signer.email,
    country: signer.country,
    visibility: signer.visibility,
    consent: 'on',
    ...(signer.updates ? { updates: 'on' } : {}),
    ...(signer.kind === 'notable' ? { honorific: signer.honorific, notableTitle: signer.title, affiliation: signer.affiliation } : { title: signer.title ?? '' }),
    ...(organisation ? { organisationName: organisation.name, ecosocStatus: organisation.ecosocStatus, organisationWebsite: organisation.website } : {}),
    ...(group ? { groupLabel: group.label, groupMembers: String(group.members) } : {}),
  };
}

/** The multipart body Chromium sends for the sign form without JavaScript: fields plus the action's rows. */
function browserForm(fields: Record<string, unknown>, more: [string, string][], slug: string, locale: string): FormData {
  const form = new FormData();
  form.append('$ACTION_REF_1', '');
  form.append('$ACTION_1:0', JSON.stringify({ id: '7f'.repeat(20), bound: '$@1' }));
  form.append('$ACTION_1:1', JSON.stringify([slug, locale]));
  form.append('website', '');
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // A browser sends text; a file input or a script could send a file, which is not text.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) form.append(key, new Blob([JSON.stringify(value)]), 'x.json');
    else form.append(key, String(value));
  }
  for (const [key, value] of more) form.append(key, value);
  return form;
}

/** The sign input the action built from a form: the same readers, run again here to know the answer's address. */
function readBack(form: FormData): Record<string, unknown> {
  const { website: _honeypot, ...data } = formToObject(form, ['consent', 'updates']);
  return readSignForm(data).input;
}

/** After a run: the campaign holds exactly the signers that were accepted, each a valid row. */
async function expectOnlyAccepted(slug: string, signers: Set<string>) {
  const stored = (await storedSignatures(owner, slug)).filter((item) => item.email !== BYSTANDER.email);
  for (const item of stored) expectValidSignature(item);
  expect(new Set(stored.map((item) => canonicaliseEmail(item.email!)))).toEqual(signers);
  expect(stored).toHaveLength(signers.size);
  expectNoPrototypePollution();
}
