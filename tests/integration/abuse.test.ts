import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { campaignCounts, outbox, signatures, withdrawalRequests } from '@/db/schema';
import { resetEnv } from '@/lib/env';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { LIMITS, type LimitName } from '@/lib/rate-limit/limits';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { listPublicSigners } from '@/lib/signatures/list-public-signers';
import { listSignatures } from '@/lib/signatures/list-signatures';
import { hideSignerName, includeHeldSignatures, invalidateSignatures } from '@/lib/signatures/moderate-signatures';
import { recountSignatures, rollUpCounts } from '@/lib/signatures/roll-up-counts';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { processWithdrawalRequests, requestWithdrawal } from '@/lib/signatures/withdraw-signature';
import { confirmationTokenFor, createPublishedCampaign, mailsTo, publicCount, signInput, unique } from '../helpers/fixtures';
import { documentText } from '../helpers/read-document';
import { findSigner } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const client = () => unique('client').padEnd(32, '0').slice(0, 32);

/** Fills a limit's current window to its maximum, as that many earlier requests would have. */
async function saturate(name: LimitName, subject: string) {
  const { max, windowSeconds } = LIMITS[name];
  const db = await getDb();
  await db.execute(sql`
    insert into rate_limit_hits (key, window_start, hits, expires_at)
    values (${`${name}:${subject}`}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), ${max},
            to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}) + make_interval(secs => ${windowSeconds}))
    on conflict (key, window_start) do update set hits = ${max}`);
}

async function signAndConfirm(slug: string, overrides: Record<string, unknown> = {}, options: { client?: string } = {}) {
  const input = signInput(overrides);
  await signCampaign(slug, input, { locale: 'en', ...options });
  await confirmSignature(await confirmationTokenFor(input.email));
  return input;
}

async function rowOf(email: string) {
  const row = (await findSigner(email))!;
  return row;
}

describe('signing limits hold signatures out of the count (shadow ban)', () => {
  it('holds the sixth signature from one client within a minute: mailed as usual, never counted or shown', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    // Windows are fixed: start well inside one, so the six signatures fall in the same minute.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoWindow));
    const from = client();
    const inputs = [];
    for (let i = 0; i < 6; i++) inputs.push(await signAndConfirm(campaign.slug, { familyName: `Burst ${i}` }, { client: from }));
    expect((await rowOf(inputs[4].email)).heldReason).toBeNull();
    expect((await rowOf(inputs[5].email)).heldReason).toBe('sign-client-burst');
    // The held signer got the same mails as everyone else: the confirmation, then the receipt.
    expect((await mailsTo(inputs[5].email)).map((m) => m.kind)).toEqual(['confirm-signature', 'signature-receipt']);
    expect(await publicCount(campaign.slug)).toBe(5);
    expect((await listPublicSigners(campaign.id, 20)).map((s) => s.name)).not.toContain('Ana Burst 5');

    const held = await listSignatures(caller, campaign.slug, { status: 'held' });
    expect(held.items.map((i) => i.id)).toEqual([(await rowOf(inputs[5].email)).id]);
    expect(held.items[0].clientHash).toBe(from);
    expect(await includeHeldSignatures(caller, campaign.slug, { ids: [held.items[0].id] })).toEqual({ included: 1 });
    expect(await publicCount(campaign.slug)).toBe(6);
  });

  it('holds signatures over the per-domain limit, but never for the big public providers', async () => {
    const { campaign } = await createPublishedCampaign();
    await saturate('sign-domain', `${campaign.id}:flood.example`);
    await saturate('sign-domain', `${campaign.id}:gmail.com`);
    const flood = await signAndConfirm(campaign.slug, { email: `${unique('x')}@flood.example` });
    const gmail = await signAndConfirm(campaign.slug, { email: `${unique('x')}@gmail.com` });
    expect((await rowOf(flood.email)).heldReason).toBe('sign-domain');
    expect((await rowOf(gmail.email)).heldReason).toBeNull();
    expect(await publicCount(campaign.slug)).toBe(1);
  });

  it('holds signatures over the letter velocity limit', async () => {
    const { campaign } = await createPublishedCampaign();
    await saturate('sign-letter', campaign.id);
    const input = await signAndConfirm(campaign.slug);
    expect((await rowOf(input.email)).heldReason).toBe('sign-letter');
    expect(await publicCount(campaign.slug)).toBe(0);
  });

  it('holds nothing with RATE_LIMITS=off', async () => {
    process.env.RATE_LIMITS = 'off';
    resetEnv();
    try {
      const { campaign } = await createPublishedCampaign();
      await saturate('sign-letter', campaign.id);
      const input = await signAndConfirm(campaign.slug);
      expect((await rowOf(input.email)).heldReason).toBeNull();
    } finally {
      delete process.env.RATE_LIMITS;
      resetEnv();
    }
  });
});

describe('refusal limits answer 429 with Retry-After and reveal nothing', () => {
  it('confirmation attempts per client', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const from = client();
    await saturate('confirm-client', from);
    const error = await confirmSignature(await confirmationTokenFor(input.email), { client: from }).catch((e) => e);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(LIMITS['confirm-client'].windowSeconds);
    expect((await rowOf(input.email)).status).toBe('pending');
    // Another client is not affected.
    expect((await confirmSignature(await confirmationTokenFor(input.email), { client: client() })).outcome).toBe('confirmed');
  });

  it('withdrawal requests per client, the same answer for signers and strangers', async () => {
    const { campaign } = await createPublishedCampaign();
    const from = client();
    for (let i = 0; i < LIMITS['withdraw-client'].max; i++) {
      await requestWithdrawal(campaign.slug, { email: `${unique('w')}@example.org` }, { locale: 'en', client: from });
    }
    await expect(requestWithdrawal(campaign.slug, { email: 'someone@example.org' }, { locale: 'en', client: from })).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'Too many attempts from your connection; please wait and try again',
    });
  });

  it('sign-in requests per client', async () => {
    const from = client();
    for (let i = 0; i < LIMITS['sign-in-client'].max; i++) await enforceLimit('sign-in-client', from);
    await expect(enforceLimit('sign-in-client', from)).rejects.toMatchObject({ code: 'rate_limited' });
  });
});

describe('withdrawal requests do the same work whether or not the address signed', () => {
  it('only appends a request; the lookup and the mail happen in the background', async () => {
    const { campaign } = await createPublishedCampaign();
    const signer = signInput();
    await signCampaign(campaign.slug, signer, { locale: 'en' });
    const db = await getDb();
    const before = await db.select().from(outbox);
    await requestWithdrawal(campaign.slug, { email: signer.email }, { locale: 'en' });
    await requestWithdrawal(campaign.slug, { email: `${unique('stranger')}@example.org` }, { locale: 'en' });
    expect(await db.select().from(outbox)).toHaveLength(before.length);
    expect(await db.select().from(withdrawalRequests).where(eq(withdrawalRequests.campaignId, campaign.id))).toHaveLength(2);
    expect(await processWithdrawalRequests()).toBeGreaterThanOrEqual(2);
    expect((await mailsTo(signer.email)).map((m) => m.kind)).toEqual(['confirm-signature', 'withdraw-signature']);
    expect(await db.select().from(withdrawalRequests).where(eq(withdrawalRequests.campaignId, campaign.id))).toHaveLength(0);
  });
});

describe('organisers against abuse', () => {
  it('hides an abusive public name everywhere public; the signature still counts', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const input = await signAndConfirm(campaign.slug, { givenName: 'Abusive', familyName: 'Name' });
    const [item] = (await listSignatures(caller, campaign.slug, {})).items;
    expect(await hideSignerName(caller, campaign.slug, item.id, { hidden: true })).toEqual({ hidden: true });
    expect(await listPublicSigners(campaign.id, 20)).toEqual([]);
    expect(await publicCount(campaign.slug)).toBe(1);
    const csv = await documentText(caller, campaign.slug, 'csv');
    expect(csv).not.toContain('Abusive');
    expect(csv).toContain('Name withheld');
    expect((await rowOf(input.email)).nameHiddenAt).not.toBeNull();
  });

  it('invalidates by email domain: a dry run counts, the real run removes them from counts and documents', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    for (let i = 0; i < 3; i++) await signAndConfirm(campaign.slug, { email: `${unique('f')}@fraud.example` });
    await signAndConfirm(campaign.slug);
    expect(await publicCount(campaign.slug)).toBe(4);
    const preview = await invalidateSignatures(caller, campaign.slug, { filter: { emailDomain: 'fraud.example' }, dryRun: true });
    expect(preview).toEqual({ matched: 3, counted: 3, invalidated: 0, dryRun: true });
    expect(await publicCount(campaign.slug)).toBe(4);
    const done = await invalidateSignatures(caller, campaign.slug, { filter: { emailDomain: 'fraud.example' }, reason: 'one domain, one minute' });
    expect(done).toMatchObject({ invalidated: 3 });
    expect(await publicCount(campaign.slug)).toBe(1);
    expect((await listSignatures(caller, campaign.slug, { status: 'invalidated' })).total).toBe(3);
    await expect(invalidateSignatures(caller, campaign.slug, { filter: {} })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('counts', () => {
  it('the periodic recount finds and corrects drift', async () => {
    const { campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug);
    await signAndConfirm(campaign.slug);
    expect(await publicCount(campaign.slug)).toBe(2);
    const db = await getDb();
    await db.update(campaignCounts).set({ count: 7 }).where(eq(campaignCounts.campaignId, campaign.id));
    const drift = await recountSignatures();
    expect(drift).toContainEqual(expect.objectContaining({ campaignId: campaign.id, country: 'FR', kind: 'individual', source: 'online', stored: 7, actual: 2 }));
    await rollUpCounts();
    expect(await publicCount(campaign.slug)).toBe(2);
    expect((await recountSignatures()).filter((d) => d.campaignId === campaign.id)).toEqual([]);
  });

  it('one person, one signature, by Gmail’s own rules', async () => {
    const { campaign } = await createPublishedCampaign();
    const name = unique('jane').replace(/-/g, '');
    await signCampaign(campaign.slug, signInput({ email: `${name.slice(0, 3)}.${name.slice(3)}@gmail.com` }), { locale: 'en' });
    await signCampaign(campaign.slug, signInput({ email: `${name}@googlemail.com` }), { locale: 'en' });
    const db = await getDb();
    expect(await db.select().from(signatures).where(eq(signatures.campaignId, campaign.id))).toHaveLength(1);
  });
});
