import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { signatures, signatureTokens } from '@/db/schema';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { AppError } from '@/lib/errors';
import { CONSENT_VERSION } from '@/lib/privacy/consent';
import { confirmSignature, getConfirmation } from '@/lib/signatures/confirm-signature';
import { listPublicSigners } from '@/lib/signatures/list-public-signers';
import { rollUpCounts } from '@/lib/signatures/roll-up-counts';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { confirmationTokenFor, createPublishedCampaign, mailsTo, publicCount, signInput, unique } from '../helpers/fixtures';
import { findSigner, signatureIdOf, signersOf } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const en = { locale: 'en' };

const count = publicCount;

/** Lets the next repeat submission mail the owner again, as if the throttle interval had passed. */
async function forgetLastMail(email: string) {
  const db = await getDb();
  await db.update(signatures).set({ lastMailedAt: sql`now() - interval '1 hour'` }).where(eq(signatures.id, await signatureIdOf(email)));
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
    expect((await confirmSignature(token)).outcome).toBe('confirmed');
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
    const row = (await findSigner(input.email))!;
    expect(row.consentVersion).toBe(CONSENT_VERSION);
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

    const rows = await signersOf(campaign.id);
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
    expect((await mailsTo(input.email)).map((m) => m.kind)).toEqual(['confirm-signature', 'signature-receipt', 'already-signed']);
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
    expect((await confirmSignature(token)).outcome).toBe('confirmed');
    expect((await confirmSignature(token)).outcome).toBe('already-confirmed');
    expect(await count(campaign.slug)).toBe(1);
  });

  it('counts concurrent confirmations once', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, en);
    const token = await confirmationTokenFor(input.email);
    const outcomes = (await Promise.all(Array.from({ length: 10 }, () => confirmSignature(token)))).map((r) => r.outcome);
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
    expect((await confirmSignature(stale)).outcome).toBe('expired');
    expect(await count(campaign.slug)).toBe(0);

    await forgetLastMail(input.email);
    await signCampaign(campaign.slug, input, en);
    const fresh = await confirmationTokenFor(input.email);
    expect(fresh).not.toBe(stale);
    expect((await confirmSignature(fresh)).outcome).toBe('confirmed');
  });

  it('answers not-found for unknown or malformed tokens', async () => {
    expect((await confirmSignature('A'.repeat(43))).outcome).toBe('not-found');
    expect((await confirmSignature("' or 1=1 --")).outcome).toBe('not-found');
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
    expect((await confirmSignature(await confirmationTokenFor(input.email))).outcome).toBe('closed');
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

describe('signer kinds', () => {
  const allKinds = { signerKinds: ['individual', 'notable', 'organisation', 'group'] as ('individual' | 'notable' | 'organisation' | 'group')[] };
  const notable = (overrides: Record<string, unknown> = {}) =>
    signInput({
      kind: 'notable',
      honorific: 'Prof.',
      givenName: 'Jane',
      familyName: unique('Doe'),
      title: 'Former UN Special Rapporteur on freedom of expression',
      affiliation: 'University of Geneva',
      ...overrides,
    });
  const organisation = (overrides: Record<string, unknown> = {}) =>
    signInput({
      kind: 'organisation',
      organisation: { name: unique('Centre for Civil Rights'), country: 'CH', website: 'civilrights.example.org', ecosocStatus: 'special' },
      ...overrides,
    });
  const group = (overrides: Record<string, unknown> = {}) =>
    signInput({ kind: 'group', visibility: undefined, group: { label: unique('Family of Reza Karimi'), members: 5, relationship: 'Parents and siblings' }, ...overrides });

  const nameOf = (input: object) => (input as { organisation: { name: string } }).organisation.name;
  const labelOf = (input: object) => (input as { group: { label: string } }).group.label;

  async function signAndConfirm(slug: string, input: ReturnType<typeof signInput>) {
    await signCampaign(slug, input, en);
    await confirmSignature(await confirmationTokenFor(input.email as string));
  }
  async function rowOf(email: string) {
    return (await findSigner(email))!;
  }
  async function approve(email: string) {
    const db = await getDb();
    await db.update(signatures).set({ review: 'approved' }).where(eq(signatures.id, await signatureIdOf(email)));
  }

  it('stores each kind in its own shape', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    const inputs = { notable: notable(), organisation: organisation({ country: 'FR' }), group: group(), individual: signInput({ title: 'Teacher' }) };
    for (const input of Object.values(inputs)) await signCampaign(campaign.slug, input, en);

    expect(await rowOf(inputs.notable.email)).toMatchObject({
      kind: 'notable',
      honorific: 'Prof.',
      title: 'Former UN Special Rapporteur on freedom of expression',
      affiliation: 'University of Geneva',
      organisationName: null,
      members: 1,
      review: 'pending',
    });
    expect(await rowOf(inputs.organisation.email)).toMatchObject({
      kind: 'organisation',
      givenName: 'Ana',
      organisationName: nameOf(inputs.organisation),
      organisationCountry: 'CH',
      organisationWebsite: 'https://civilrights.example.org',
      ecosocStatus: 'special',
      review: 'pending',
    });
    expect(await rowOf(inputs.group.email)).toMatchObject({
      kind: 'group',
      groupLabel: labelOf(inputs.group),
      members: 5,
      groupRelationship: 'Parents and siblings',
      visibility: 'counted',
      review: 'not-needed',
    });
    expect(await rowOf(inputs.individual.email)).toMatchObject({ kind: 'individual', title: 'Teacher', honorific: null, members: 1, review: 'not-needed' });
  });

  it('refuses a kind the letter does not take, with a 422 on kind, and stores nothing', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = notable();
    const error = await signCampaign(campaign.slug, input, en).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields)).toEqual(['kind']);
    expect(await rowOf(input.email)).toBeUndefined();
    expect(await mailsTo(input.email)).toHaveLength(0);
  });

  it('lists named notable and organisation signers only once an organiser approved them, in their kind’s shape', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    const scholar = notable();
    const ngo = organisation();
    const secret = organisation({ visibility: 'confidential' });
    for (const input of [scholar, ngo, secret]) await signAndConfirm(campaign.slug, input);
    expect((await rowOf(secret.email)).review).toBe('pending');
    expect(await listPublicSigners(campaign.id)).toEqual([]);
    // Pending review is counted, not named.
    expect(await count(campaign.slug)).toBe(3);

    for (const input of [scholar, ngo, secret]) await approve(input.email);
    const shown = await listPublicSigners(campaign.id);
    expect(shown).toHaveLength(2);
    expect(shown).toContainEqual({
      name: `Prof. Jane ${scholar.familyName}`,
      title: 'Former UN Special Rapporteur on freedom of expression, University of Geneva',
      country: 'FR',
      confirmedAt: expect.any(String),
    });
    expect(shown).toContainEqual({ name: nameOf(ngo), title: null, country: 'CH', confirmedAt: expect.any(String) });
    expect(JSON.stringify(shown)).not.toContain(nameOf(secret));
    expect(JSON.stringify(shown)).not.toContain('@');
  });

  it('never lists a rejected entry', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    const input = notable();
    await signAndConfirm(campaign.slug, input);
    const db = await getDb();
    await db.update(signatures).set({ review: 'rejected' }).where(eq(signatures.id, await signatureIdOf(input.email)));
    expect(await listPublicSigners(campaign.id)).toEqual([]);
  });

  it('does not hold a notable signer who chose to be counted only for review, and never names them', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    const input = notable({ visibility: 'counted' });
    await signAndConfirm(campaign.slug, input);
    expect((await rowOf(input.email)).review).toBe('not-needed');
    expect(await listPublicSigners(campaign.id)).toEqual([]);
    expect(await count(campaign.slug)).toBe(1);
  });

  it('never lists a confidential signer, though it counts', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput({ givenName: 'Quiet', familyName: unique('Witness'), visibility: 'confidential' });
    await signAndConfirm(campaign.slug, input);
    expect(await listPublicSigners(campaign.id)).toEqual([]);
    expect(await count(campaign.slug)).toBe(1);
  });

  it('counts a group as one signature of all its people, and lists it by its label only when it chose to be public', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    const quiet = group();
    const open = group({ visibility: 'public', group: { label: 'Family of Navid Afkari', members: 7 } });
    for (const input of [quiet, open]) await signAndConfirm(campaign.slug, input);
    expect((await rowOf(quiet.email)).visibility).toBe('counted');
    expect(await listPublicSigners(campaign.id)).toEqual([{ name: 'Family of Navid Afkari', title: null, country: 'FR', confirmedAt: expect.any(String), members: 7 }]);
  });

  it('counts by kind and by people on the public page', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    for (const input of [signInput(), signInput({ visibility: 'counted' }), notable(), organisation(), group()]) await signAndConfirm(campaign.slug, input);
    // Signed but never confirmed: not counted.
    await signCampaign(campaign.slug, group({ group: { members: 40 } }), en);
    await rollUpCounts();
    const shown = await getPublicCampaign(campaign.slug);
    expect(shown!.signatureCounts).toEqual({ total: 5, online: 5, paper: 0, people: 9, byKind: { individual: 2, notable: 1, organisation: 1, group: 1 } });
  });

  it('shows the signer what they confirm in their kind’s shape', async () => {
    const { campaign } = await createPublishedCampaign(undefined, allKinds);
    const ngo = organisation({ visibility: 'confidential' });
    const family = group();
    for (const input of [ngo, family]) await signCampaign(campaign.slug, input, en);

    const forNgo = await getConfirmation(await confirmationTokenFor(ngo.email));
    expect(forNgo.signature).toMatchObject({
      kind: 'organisation',
      organisation: { name: nameOf(ngo), country: 'CH', ecosocStatus: 'special' },
      group: null,
      visibility: 'confidential',
      review: true,
    });
    const forFamily = await getConfirmation(await confirmationTokenFor(family.email));
    expect(forFamily.signature).toMatchObject({ kind: 'group', organisation: null, group: { members: 5, relationship: 'Parents and siblings' }, visibility: 'counted', review: false });
  });
});

describe('the public view of an HRC statement', () => {
  it('shows its session and agenda item, never its contact', async () => {
    const { campaign } = await createPublishedCampaign(undefined, {
      kind: 'hrc-statement',
      signerKinds: ['organisation'],
      hrc: {
        session: 61,
        agendaItem: 4,
        sessionStartsOn: '2026-02-23',
        submitter: { name: 'Centre for Civil Rights', ecosocStatus: 'special' },
        contact: { name: 'Hidden Contact', email: 'contact-person@example.org', phone: '+41 22 000 00 00' },
      },
    });
    const shown = await getPublicCampaign(campaign.slug);
    expect(shown!.hrcSession).toEqual({ session: 61, agendaItem: 4 });
    const text = JSON.stringify(shown);
    expect(text).not.toContain('contact-person@example.org');
    expect(text).not.toContain('Hidden Contact');
    expect(text).not.toContain('+41 22');
  });
});
