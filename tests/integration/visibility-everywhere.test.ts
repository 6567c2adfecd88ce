import { NextIntlClientProvider } from 'next-intl';
import { createElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signAction } from '@/app/[locale]/c/[slug]/actions';
import CampaignPage, { generateMetadata } from '@/app/[locale]/c/[slug]/page';
import * as campaignsRoute from '@/app/api/v1/campaigns/route';
import * as campaignRoute from '@/app/api/v1/campaigns/[slug]/route';
import * as confirmationsRoute from '@/app/api/v1/confirmations/route';
import * as exportsRoute from '@/app/api/v1/campaigns/[slug]/exports/[format]/route';
import * as hideNameRoute from '@/app/api/v1/campaigns/[slug]/signatures/[id]/name/route';
import * as reviewRoute from '@/app/api/v1/campaigns/[slug]/signatures/[id]/review/route';
import * as signaturesRoute from '@/app/api/v1/campaigns/[slug]/signatures/route';
import * as withdrawalsRoute from '@/app/api/v1/campaigns/[slug]/withdrawals/route';
import * as receiptRoute from '@/app/api/v1/verify/receipt/route';
import * as dataRequestsRoute from '@/app/api/v1/data-requests/route';
import type { Caller } from '@/lib/auth/caller';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { readPacketFiles } from '@/lib/deliveries/read-packet';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outboxBatches } from '@/db/schema';
import { resetEnv } from '@/lib/env';
import { loadMessages } from '@/lib/i18n/messages';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { resetTransport } from '@/lib/mail/transport';
import { getConfirmation, confirmSignature } from '@/lib/signatures/confirm-signature';
import { listPublicSigners } from '@/lib/signatures/list-public-signers';
import { listSignatures } from '@/lib/signatures/list-signatures';
import { hideSignerName, invalidateSignatures } from '@/lib/signatures/moderate-signatures';
import { reviewSignature } from '@/lib/signatures/review-signature';
import { rollUpCounts } from '@/lib/signatures/roll-up-counts';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { processWithdrawalRequests } from '@/lib/signatures/withdraw-signature';
import { campaignInput, confirmationTokenFor, createOrganiser, unique } from '../helpers/fixtures';
import { startFakeResend } from '../helpers/fake-resend';
import { documentText, readableText } from '../helpers/read-document';
import { withTestDatabase } from '../helpers/test-db';

/**
 * Each signer's choice, everywhere a name could surface: the letter page and its share metadata,
 * the public API, every document and the delivered packet, the server's logs, and error answers.
 * public: named everywhere. confidential: named only in what is delivered to the addressees.
 * counted: never named. Held, hidden, invalidated, unconfirmed and unreviewed signatures are
 * named nowhere public either. Every marker is a unique word, so a substring scan is exact.
 */

// Every log line is written (debug and up), and captured for the whole file.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'debug';
});
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers, cookies: async () => ({ get: () => undefined }) }));
const session = vi.hoisted(() => ({ caller: null as Caller | null }));
vi.mock('@/lib/auth/get-caller', () => ({ getCaller: async () => session.caller }));
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));
// The page's server translations, as next-intl's request config gives them in the app.
vi.mock('next-intl/server', async () => {
  const { loadMessages: load } = await import('@/lib/i18n/messages');
  const { createTranslator } = await import('next-intl');
  const locale = { current: 'en' };
  return {
    getRequestConfig: (config: unknown) => config,
    setRequestLocale: (value: string) => {
      locale.current = value;
    },
    getTranslations: async (namespace?: string) => createTranslator({ locale: locale.current, messages: (await load(locale.current)) as never, namespace: namespace as never }),
  };
});

withTestDatabase();

type Signer = { key: string; given: string; family: string; title: string; email: string };
const signer = (key: string, email?: string): Signer => ({
  key,
  given: `Zz${key}given`,
  family: `Zz${key}marker`,
  title: `Zz${key}title`,
  email: email ?? `zz-${key}-secret@example.org`,
});
const names = (s: Signer) => [s.given, s.family, s.title];

// The letter (campaign A): one signer of each level and state.
const PUBLIC = signer('public');
const CONFIDENTIAL = signer('confidential');
const COUNTED = signer('counted');
const HELD = signer('held');
const HIDDEN = signer('hidden');
const INVALIDATED = signer('invalidated', 'zz-invalidated-secret@zzfraud.example');
const UNREVIEWED = signer('unreviewed');
const UNCONFIRMED = signer('unconfirmed');
// The HRC statement (campaign B): organisations, each with a contact person.
const PUBLIC_ORG = { ...signer('publicorgcontact'), organisation: 'Zzpublicorgname' };
const CONFIDENTIAL_ORG = { ...signer('confidentialorgcontact'), organisation: 'Zzconfidentialorgname' };
const COUNTED_ORG = { ...signer('countedorgcontact'), organisation: 'Zzcountedorgname' };
const UNREVIEWED_ORG = { ...signer('unreviewedorgcontact'), organisation: 'Zzunreviewedorgname' };

const EVERYONE = [PUBLIC, CONFIDENTIAL, COUNTED, HELD, HIDDEN, INVALIDATED, UNREVIEWED, UNCONFIRMED, PUBLIC_ORG, CONFIDENTIAL_ORG, COUNTED_ORG, UNREVIEWED_ORG];
const EMAILS = EVERYONE.map((s) => s.email);
const ORG_CONTACTS = [PUBLIC_ORG, CONFIDENTIAL_ORG, COUNTED_ORG, UNREVIEWED_ORG].flatMap((s) => [s.given, s.family]);
/** Never on anything public: every name but the public signer's and the approved public organisation's. */
const NOT_PUBLIC = [
  ...[CONFIDENTIAL, COUNTED, HELD, HIDDEN, INVALIDATED, UNREVIEWED, UNCONFIRMED].flatMap(names),
  CONFIDENTIAL_ORG.organisation,
  COUNTED_ORG.organisation,
  UNREVIEWED_ORG.organisation,
  ...ORG_CONTACTS,
];
/** Never in any document, not even those for the addressees. */
const NEVER_NAMED = [...[COUNTED, HELD, HIDDEN, INVALIDATED, UNREVIEWED, UNCONFIRMED].flatMap(names), COUNTED_ORG.organisation, UNREVIEWED_ORG.organisation];

const logged: string[] = [];
let owner: Caller;
let stranger: Caller;
let letter: { id: string; slug: string };
let statement: { id: string; slug: string };
const receipts: Record<string, string> = {};
let deliveryId: string;

const en = { locale: 'en' };
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });
const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

/** Signs (as the sign API does) and, unless told not to, confirms with the mailed token. */
async function sign(slug: string, who: Signer, extra: Record<string, unknown>, options: { confirm?: boolean; client?: string } = {}) {
  const input = { givenName: who.given, familyName: who.family, email: who.email, country: 'FR', consent: true, ...extra };
  await signCampaign(slug, input, { locale: 'en', client: options.client ?? null });
  if (options.confirm === false) return;
  const { receipt } = await confirmSignature(await confirmationTokenFor(who.email));
  receipts[who.key] = receipt!;
}

/** A signature's id, found as an organiser finds it: by searching the list. */
async function idOf(slug: string, marker: string): Promise<string> {
  const { items } = await listSignatures(owner, slug, { q: marker });
  expect(items).toHaveLength(1);
  return items[0].id;
}

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
  owner = await createOrganiser();
  stranger = await createOrganiser();

  const a = await createCampaign(owner, campaignInput({ signerKinds: ['individual', 'notable'] } as never));
  await updateCampaign(owner, a.slug, { status: 'published' });
  letter = { id: a.id, slug: a.slug };
  await sign(letter.slug, PUBLIC, { title: PUBLIC.title, visibility: 'public' });
  await sign(letter.slug, CONFIDENTIAL, { title: CONFIDENTIAL.title, visibility: 'confidential', country: 'NR' });
  await sign(letter.slug, COUNTED, { title: COUNTED.title, visibility: 'counted', country: 'TV' });
  await sign(letter.slug, HIDDEN, { title: HIDDEN.title, visibility: 'public' });
  await sign(letter.slug, INVALIDATED, { title: INVALIDATED.title, visibility: 'public' });
  await sign(letter.slug, UNREVIEWED, { kind: 'notable', honorific: 'Prof.', title: UNREVIEWED.title, affiliation: 'University', visibility: 'public' });
  await sign(letter.slug, UNCONFIRMED, { title: UNCONFIRMED.title, visibility: 'public' }, { confirm: false });
  // One client over the burst limit: its sixth signature is held (accepted, never counted or shown).
  for (let i = 0; i < 5; i++) await signCampaign(letter.slug, { givenName: 'Ana', familyName: 'Velez', email: `${unique('burst')}@example.net`, country: 'ES', visibility: 'counted', consent: true }, { ...en, client: 'one-client' });
  await sign(letter.slug, HELD, { title: HELD.title, visibility: 'public' }, { client: 'one-client' });
  await hideSignerName(owner, letter.slug, await idOf(letter.slug, HIDDEN.family), { hidden: true });
  await invalidateSignatures(owner, letter.slug, { filter: { emailDomain: 'zzfraud.example' }, reason: 'fraud wave' });

  const b = await createCampaign(
    owner,
    campaignInput({
      kind: 'hrc-statement',
      addressees: [],
      signerKinds: ['organisation'],
      hrc: { session: 62, agendaItem: 4, sessionStartsOn: '2027-06-15', submitter: { name: 'Coalition for Press Freedom', ecosocStatus: 'general' }, contact: { name: 'Mira Tan', email: 'mira@example.org' } },
    } as never),
  );
  await updateCampaign(owner, b.slug, { status: 'published' });
  statement = { id: b.id, slug: b.slug };
  for (const [org, visibility] of [[PUBLIC_ORG, 'public'], [CONFIDENTIAL_ORG, 'confidential'], [COUNTED_ORG, 'counted'], [UNREVIEWED_ORG, 'public']] as const) {
    await sign(statement.slug, org, { kind: 'organisation', visibility, country: 'CH', organisation: { name: org.organisation, ecosocStatus: 'special', website: 'example.org' } });
  }
  for (const org of [PUBLIC_ORG, CONFIDENTIAL_ORG]) await reviewSignature(owner, statement.slug, await idOf(statement.slug, org.organisation), { decision: 'approve' });

  ({ id: deliveryId } = await createDelivery(owner, letter.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['pdf', 'csv', 'xlsx', 'json'] }));
  await rollUpCounts();
}, 120_000);

afterAll(() => {
  vi.restoreAllMocks();
});

/** Which of these words a text holds. */
const found = (text: string, words: readonly string[]) => words.filter((word) => text.includes(word));

async function renderPage(slug: string, locale: string): Promise<string> {
  const page = await CampaignPage({ params: Promise.resolve({ locale, slug }) });
  const tree = createElement(NextIntlClientProvider, { locale, messages: (await loadMessages(locale)) as never, timeZone: 'UTC', children: page });
  const stream = await renderToReadableStream(tree);
  await stream.allReady;
  return new Response(stream).text();
}

describe('visibility everywhere', () => {
  it('the letter page names public signers only, in every language', async () => {
    for (const locale of ['en', 'fr']) {
      const html = await renderPage(letter.slug, locale);
      expect(found(html, names(PUBLIC))).toEqual(names(PUBLIC));
      expect(found(html, NOT_PUBLIC)).toEqual([]);
      expect(found(html, EMAILS)).toEqual([]);
      // The list of signers shows countries of the named only (Nauru: confidential; Tuvalu: counted).
      const list = html.match(/<ol class="signers"[\s\S]*?<\/ol>/)?.[0] ?? '';
      expect(list).toContain(PUBLIC.family);
      expect(found(list, ['Nauru', 'Tuvalu'])).toEqual([]);

      const hrc = await renderPage(statement.slug, locale);
      expect(hrc).toContain(PUBLIC_ORG.organisation);
      expect(found(hrc, NOT_PUBLIC)).toEqual([]);
      expect(found(hrc, EMAILS)).toEqual([]);
    }
  });

  it('the share metadata names nobody', async () => {
    for (const slug of [letter.slug, statement.slug]) {
      for (const locale of ['en', 'fr']) {
        const metadata = JSON.stringify(await generateMetadata({ params: Promise.resolve({ locale, slug }) }));
        expect(metadata).toContain('"title"');
        expect(found(metadata, [...EVERYONE.flatMap(names), ...EMAILS, PUBLIC_ORG.organisation])).toEqual([]);
      }
    }
  });

  it('the public API names public signers only', async () => {
    session.caller = null;
    const texts: string[] = [];
    for (const slug of [letter.slug, statement.slug]) {
      const answer = await campaignRoute.GET(new Request(`http://localhost/api/v1/campaigns/${slug}`), params({ slug }));
      expect(answer.status).toBe(200);
      texts.push(await answer.text());
    }
    texts.push(await (await campaignsRoute.GET(new Request('http://localhost/api/v1/campaigns'), undefined)).text());
    const signers = JSON.stringify([...(await listPublicSigners(letter.id, 100)), ...(await listPublicSigners(statement.id, 100))]);
    expect(found(signers, [PUBLIC.family, PUBLIC_ORG.organisation])).toEqual([PUBLIC.family, PUBLIC_ORG.organisation]);
    for (const text of [...texts, signers]) {
      expect(found(text, NOT_PUBLIC)).toEqual([]);
      expect(found(text, EMAILS)).toEqual([]);
    }
    // The timeline shows the delivery, and of its manifest only the hash.
    const timeline = JSON.parse(texts[0]).deliveries;
    expect(timeline).toHaveLength(1);
    expect(found(JSON.stringify(timeline), [...names(PUBLIC), 'Nauru', '"NR"', 'Tuvalu', '"TV"'])).toEqual([]);

    // A receipt's answer carries the public manifest: countries of public signers only, no names.
    const answer = await receiptRoute.POST(new Request('http://localhost/api/v1/verify/receipt', json({ receipt: receipts[CONFIDENTIAL.key] })), undefined);
    const text = await answer.text();
    expect(JSON.parse(text).deliveries).toHaveLength(1);
    expect(found(text, [...EVERYONE.flatMap(names), ...EMAILS, '"NR"', '"TV"'])).toEqual([]);
  });

  it('every document follows the rule for each level', async () => {
    for (const format of ['csv', 'xlsx', 'pdf', 'json']) {
      const text = await documentText(owner, letter.slug, format);
      expect(found(text, [...names(PUBLIC), ...names(CONFIDENTIAL)]), format).toEqual([...names(PUBLIC), ...names(CONFIDENTIAL)]);
      expect(found(text, NEVER_NAMED), format).toEqual([]);
      expect(found(text, EMAILS), format).toEqual([]);
      // Nothing about a counted signer points at them, not even their country (Tuvalu); the confidential one's (Nauru) is there.
      const [counted, confidential] = format === 'json' ? ['"TV"', '"NR"'] : ['Tuvalu', 'Nauru'];
      expect(text, format).not.toContain(counted);
      expect(text, format).toContain(confidential);
    }
    // Unreviewed signatures, included on request, are marked as such (README: reviewed=all).
    const all = await documentText(owner, letter.slug, 'csv', { reviewed: 'all' });
    expect(found(all, names(UNREVIEWED))).toEqual(names(UNREVIEWED));
    expect(found(all, [...names(COUNTED), ...names(HIDDEN), ...names(HELD), ...names(INVALIDATED), ...names(UNCONFIRMED)])).toEqual([]);

    for (const format of ['docx', 'pdf']) {
      const text = await documentText(owner, statement.slug, format);
      expect(found(text, [PUBLIC_ORG.organisation, CONFIDENTIAL_ORG.organisation]), format).toEqual([PUBLIC_ORG.organisation, CONFIDENTIAL_ORG.organisation]);
      expect(found(text, NEVER_NAMED), format).toEqual([]);
      expect(found(text, EMAILS), format).toEqual([]);
    }
  });

  it('the delivered packet names public and confidential signers, and its manifest nobody', async () => {
    const files = await readPacketFiles(deliveryId);
    expect(files.map((file) => file.filename).sort()).toEqual(['commitments.json', 'letter.pdf', 'manifest.json', 'osdi.json', 'signatories.csv', 'signatories.xlsx']);
    for (const file of files) {
      const format = file.filename.split('.').pop()!;
      const text = await readableText(file.content, format);
      expect(found(text, NEVER_NAMED), file.filename).toEqual([]);
      expect(found(text, EMAILS), file.filename).toEqual([]);
      if (['letter.pdf', 'signatories.csv', 'signatories.xlsx', 'osdi.json'].includes(file.filename)) {
        expect(found(text, [PUBLIC.family, CONFIDENTIAL.family]), file.filename).toEqual([PUBLIC.family, CONFIDENTIAL.family]);
      }
      if (file.filename === 'manifest.json') {
        expect(found(text, [...names(PUBLIC), ...names(CONFIDENTIAL)])).toEqual([]);
        expect(Object.keys(JSON.parse(text).counts.byCountry).sort()).toEqual(['FR', 'withheld']);
      }
    }
  });

  it('error answers echo nothing that identifies anyone else', async () => {
    session.caller = null;
    const post = (route: { POST: (request: Request, context: never) => Promise<Response> }, url: string, body: unknown, context: unknown) =>
      route.POST(new Request(`http://localhost${url}`, json(body)), context as never);
    const answers: { what: string; status: number; text: string }[] = [];
    const keep = async (what: string, pending: Promise<Response>) => {
      const response = await pending;
      answers.push({ what, status: response.status, text: await response.text() });
      return answers.at(-1)!;
    };
    const signUrl = `/api/v1/campaigns/${letter.slug}/signatures`;
    const someone = { givenName: 'Bea', familyName: 'Stranger', country: 'FR', visibility: 'public', consent: true };

    // Signing again with someone's address answers exactly as signing with a new one.
    const again = await keep('sign twice', post(signaturesRoute, signUrl, { ...someone, email: CONFIDENTIAL.email }, params({ slug: letter.slug })));
    const fresh = await keep('sign new', post(signaturesRoute, signUrl, { ...someone, email: `${unique('new')}@example.org` }, params({ slug: letter.slug })));
    expect([again.status, again.text]).toEqual([fresh.status, fresh.text]);
    await keep('sign invalid', post(signaturesRoute, signUrl, { ...someone, email: CONFIDENTIAL.email, country: 'XX', kind: 'robot' }, params({ slug: letter.slug })));
    await keep('sign unknown field', post(signaturesRoute, signUrl, { ...someone, email: COUNTED.email, nickname: 'x' }, params({ slug: letter.slug })));

    // Withdrawal: the same answer whether or not the address signed; a bad body is a field error.
    const withdrawUrl = `/api/v1/campaigns/${letter.slug}/withdrawals`;
    const signed = await keep('withdraw signer', post(withdrawalsRoute, withdrawUrl, { email: CONFIDENTIAL.email }, params({ slug: letter.slug })));
    const unknown = await keep('withdraw unknown', post(withdrawalsRoute, withdrawUrl, { email: `${unique('nobody')}@example.org` }, params({ slug: letter.slug })));
    expect([signed.status, signed.text]).toEqual([unknown.status, unknown.text]);
    const asked = await keep('data of signer', post(dataRequestsRoute, '/api/v1/data-requests', { email: CONFIDENTIAL.email }, undefined));
    const nobody = await keep('data of unknown', post(dataRequestsRoute, '/api/v1/data-requests', { email: `${unique('nobody')}@example.org` }, undefined));
    expect([asked.status, asked.text]).toEqual([nobody.status, nobody.text]);
    await keep('withdraw invalid', post(withdrawalsRoute, withdrawUrl, { email: 'not-an-address', extra: 1 }, params({ slug: letter.slug })));

    // Confirmation: a wrong token, and someone's spent token, say nothing about the signer.
    await keep('confirm wrong token', post(confirmationsRoute, '/api/v1/confirmations', { token: 'A'.repeat(43) }, undefined));
    await keep('confirm spent token', post(confirmationsRoute, '/api/v1/confirmations', { token: await confirmationTokenFor(CONFIDENTIAL.email) }, undefined));
    // The confirmation page shows the token's holder (the mail's addressee) their own signature only.
    const page = JSON.stringify(await getConfirmation(await confirmationTokenFor(UNCONFIRMED.email)));
    expect(found(page, names(UNCONFIRMED))).toEqual(names(UNCONFIRMED));
    answers.push({ what: 'confirm page', status: 200, text: names(UNCONFIRMED).reduce((text, word) => text.replaceAll(word, ''), page) });

    // Organiser addresses called by a stranger: the 404 of a letter that does not exist.
    session.caller = stranger;
    const id = await idOf(letter.slug, CONFIDENTIAL.family);
    await keep('list as stranger', signaturesRoute.GET(new Request(`http://localhost${signUrl}`), params({ slug: letter.slug })));
    await keep('export as stranger', exportsRoute.GET(new Request(`http://localhost/api/v1/campaigns/${letter.slug}/exports/csv`), params({ slug: letter.slug, format: 'csv' })));
    await keep('hide as stranger', post(hideNameRoute, `/api/v1/campaigns/${letter.slug}/signatures/${id}/name`, { hidden: true }, params({ slug: letter.slug, id })));
    await keep('review as stranger', post(reviewRoute, `/api/v1/campaigns/${letter.slug}/signatures/${id}/review`, { decision: 'approve' }, params({ slug: letter.slug, id })));
    session.caller = owner;
    await keep('review not needed', post(reviewRoute, `/api/v1/campaigns/${letter.slug}/signatures/${id}/review`, { decision: 'approve' }, params({ slug: letter.slug, id })));
    await keep('review bad body', post(reviewRoute, `/api/v1/campaigns/${letter.slug}/signatures/${id}/review`, { decision: 'maybe' }, params({ slug: letter.slug, id })));
    session.caller = null;
    await keep('receipt malformed', post(receiptRoute, '/api/v1/verify/receipt', { receipt: 'short' }, undefined));

    // The sign form's answer to a bad form sends back what was typed, and nothing else.
    const form = new FormData();
    for (const [key, value] of Object.entries({ givenName: 'Bea', familyName: 'Stranger', email: CONFIDENTIAL.email, country: 'XX', visibility: 'public', consent: 'on' })) form.set(key, value);
    const state = await signAction(letter.slug, 'en', { status: 'idle' }, form);
    expect(state.status).toBe('invalid');
    answers.push({ what: 'sign form', status: 200, text: JSON.stringify(state) });

    for (const { what, status, text } of answers) {
      expect(status, what).toBeLessThan(500);
      expect(found(text, [...EVERYONE.flatMap(names), PUBLIC_ORG.organisation]), what).toEqual([]);
      // An address may come back only to whoever typed it, in the same request.
      const typed = what === 'sign form' ? [CONFIDENTIAL.email] : [];
      expect(found(text, EMAILS.filter((email) => !typed.includes(email))), what).toEqual([]);
    }
    expect(answers.filter((answer) => answer.what.endsWith('as stranger')).map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
  });

  it('the server logs of the whole flow, mail sending included, hold no address and no name', async () => {
    // The sender's part of the flow: withdrawal links looked up, every waiting mail sent, one batch put off by the provider.
    const fake = await startFakeResend();
    try {
      process.env.RESEND_API_KEY = 're_test_visibility';
      process.env.RESEND_BASE_URL = fake.url;
      resetEnv();
      resetTransport();
      expect(await processWithdrawalRequests()).toBeGreaterThan(0);
      fake.failNext(503);
      expect((await drainOutbox()).deferred).toBeGreaterThan(0);
      const db = await getDb();
      for (let round = 0; round < 20; round++) {
        await db.update(outboxBatches).set({ nextAttemptAt: sql`now() - interval '1 second'` });
        const { sent, deferred } = await drainOutbox();
        if (sent + deferred === 0) break;
      }
      expect(fake.emails().map((mail) => mail.to).flat()).toContain(PUBLIC.email);
    } finally {
      delete process.env.RESEND_API_KEY;
      resetEnv();
      resetTransport();
      await fake.close();
    }
    expect(logged.some((line) => line.includes('mail sent'))).toBe(true);
    const all = logged.join('\n');
    expect(found(all, EMAILS)).toEqual([]);
    expect(found(all, [...EVERYONE.flatMap(names), PUBLIC_ORG.organisation, CONFIDENTIAL_ORG.organisation, COUNTED_ORG.organisation, UNREVIEWED_ORG.organisation])).toEqual([]);
  });
});
