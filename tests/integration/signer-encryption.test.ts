import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, resultRows } from '@/db/client';
import { signatures } from '@/db/schema';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import { destroyCampaignKey } from '@/lib/crypto/campaign-keys';
import { AppError } from '@/lib/errors';
import { importSignatures } from '@/lib/imports/import-signatures';
import { signatoryFiltersSchema } from '@/lib/signatories/filters';
import { countSignatories, readSignatories } from '@/lib/signatories/read-signatories';
import { listPublicSigners, listPublicSignersBySlug } from '@/lib/signatures/list-public-signers';
import { listSignatures } from '@/lib/signatures/list-signatures';
import { reviewSignature } from '@/lib/signatures/review-signature';
import { sealLegacySigners } from '@/lib/signatures/seal-legacy-signers';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { processWithdrawalRequests, requestWithdrawal } from '@/lib/signatures/withdraw-signature';
import { documentBytes } from '../helpers/read-document';
import { createPublishedCampaign, mailsTo, signAndConfirm, signInput } from '../helpers/fixtures';
import { findSigner, readSigner, signersOf } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

/** A word no other test writes, so finding it anywhere means this test's data leaked. */
const word = (prefix: string) => `${prefix}${Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;

/** Every column of the campaign's raw rows as text, bytea read both as Latin-1 and as UTF-8. */
async function rawText(table: 'signatures' | 'withdrawal_requests', campaignId: string): Promise<string> {
  const db = await getDb();
  const rows = resultRows<Record<string, unknown>>(await db.execute(sql`select * from ${sql.identifier(table)} where campaign_id = ${campaignId}::uuid`));
  expect(rows.length).toBeGreaterThan(0);
  return rows
    .flatMap((row) =>
      Object.values(row).flatMap((value) =>
        value instanceof Uint8Array ? [Buffer.from(value).toString('latin1'), Buffer.from(value).toString('utf8')] : [JSON.stringify(value ?? null)],
      ),
    )
    .join('\n');
}

function expectNone(text: string, secrets: string[]) {
  for (const secret of secrets) expect(text.toLowerCase(), `"${secret}" found in a raw row`).not.toContain(secret.toLowerCase());
}

async function documentNames(campaignId: string) {
  const rows = [];
  for await (const page of readSignatories(campaignId, signatoryFiltersSchema.parse({ reviewed: 'all' }))) rows.push(...page);
  return rows;
}

describe('signers at rest', () => {
  it('keeps no name, address, affiliation, website or group label in clear, for every kind, visibility, paper import and correction', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...SIGNER_KINDS] });
    const people = {
      public: { givenName: word('Amina'), familyName: word('Haddad'), email: `${word('pub')}@example.org`, visibility: 'public', title: word('Teacher') },
      confidential: { givenName: word('Farid'), familyName: word('Karimi'), email: `${word('conf')}@example.org`, visibility: 'confidential' },
      counted: { givenName: word('Leila'), familyName: word('Rahimi'), email: `${word('cnt')}@example.org`, visibility: 'counted' },
      notable: {
        kind: 'notable',
        honorific: 'Prof.',
        givenName: word('Jane'),
        familyName: word('Doee'),
        title: word('Rapporteur'),
        affiliation: word('University'),
        email: `${word('notable')}@example.org`,
        visibility: 'public',
      },
      organisation: {
        kind: 'organisation',
        givenName: word('Omar'),
        familyName: word('Said'),
        email: `${word('org')}@example.org`,
        visibility: 'confidential',
        organisation: { name: word('Association'), ecosocStatus: 'special', website: `https://${word('site')}.example.org` },
      },
      group: {
        kind: 'group',
        givenName: word('Sara'),
        familyName: word('Nouri'),
        email: `${word('grp')}@example.org`,
        visibility: 'counted',
        group: { label: word('Families'), members: 4, relationship: word('Parents') },
      },
    };
    const signed: Record<string, Awaited<ReturnType<typeof signAndConfirm>>> = {};
    for (const [name, input] of Object.entries(people)) signed[name] = await signAndConfirm(campaign.slug, input);

    const corrected = word('Doe');
    await reviewSignature(caller, campaign.slug, signed.notable.id, { decision: 'approve', corrections: { familyName: corrected } });
    const paper = { given: word('Parisa'), family: word('Amini'), email: `${word('paper')}@example.org`, label: word('Vigil') };
    const imported = await importSignatures(caller, campaign.slug, {
      provenance: { description: 'Signed at the vigil', collectedBy: 'Field team', collectedOn: '2026-03-08' },
      csv: `kind,given_name,family_name,country,visibility,email,group_label,members\r\nindividual,${paper.given},${paper.family},FR,public,${paper.email},,\r\ngroup,,,FR,public,,${paper.label},12\r\n`,
    });
    expect(imported.status).toBe('imported');

    // Still readable through the app: the reviewer's correction, the signer's own spelling, the paper rows.
    const notable = (await readSigner(signed.notable.id))!;
    expect(notable).toMatchObject({ familyName: corrected, originalFields: { familyName: people.notable.familyName }, affiliation: people.notable.affiliation });
    expect((await documentNames(campaign.id)).map((s) => s.givenName ?? s.groupLabel)).toEqual(
      expect.arrayContaining([people.public.givenName, people.confidential.givenName, paper.given, paper.label]),
    );

    const secrets = [
      ...Object.values(people).flatMap((p) => [p.givenName, p.familyName, p.email, p.email.split('@')[0]]),
      people.public.title,
      people.notable.title,
      people.notable.affiliation,
      corrected,
      people.organisation.organisation.name,
      people.organisation.organisation.website,
      people.group.group.label,
      people.group.group.relationship,
      paper.given,
      paper.family,
      paper.email,
      paper.label,
    ];
    expectNone(await rawText('signatures', campaign.id), secrets);
    // Every row has its sealed unit; the address's index is keyed, not a plain hash of it.
    const rows = await (await getDb()).select().from(signatures).where(eq(signatures.campaignId, campaign.id));
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.pii !== null && row.givenName === null && row.email === null && row.emailCanonical === null)).toBe(true);
    expect(rows.filter((row) => row.emailIndex === null)).toHaveLength(1);
  });

  it('still takes one signature per person, whatever case or +tag the address is typed in', async () => {
    const { campaign } = await createPublishedCampaign();
    const local = word('dup');
    await signCampaign(campaign.slug, signInput({ email: `${local}@example.org` }), { locale: 'en' });
    await signCampaign(campaign.slug, signInput({ email: ` ${local.toUpperCase()}+petition@Example.ORG` }), { locale: 'en' });
    const rows = await signersOf(campaign.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].email).toBe(`${local}@example.org`);
  });

  it('keeps no address in a waiting withdrawal request, and still mails the link', async () => {
    const { campaign } = await createPublishedCampaign();
    const { input } = await signAndConfirm(campaign.slug);
    await requestWithdrawal(campaign.slug, { email: input.email.toUpperCase() }, { locale: 'en' });
    expectNone(await rawText('withdrawal_requests', campaign.id), [input.email, input.email.split('@')[0]]);
    await processWithdrawalRequests();
    expect((await mailsTo(input.email)).map((mail) => mail.kind)).toContain('withdraw-signature');
  });

  it('seals rows stored in plaintext before encryption, at start-up, and empties their plaintext', async () => {
    const { campaign } = await createPublishedCampaign();
    const db = await getDb();
    const email = `${word('legacy')}@example.org`;
    const [legacy] = resultRows<{ id: string }>(
      await db.execute(sql`
        insert into signatures (campaign_id, given_name, family_name, email, email_canonical, country, title, affiliation, visibility,
          original_fields, consent_version, consent_locale, consented_at, status, confirmed_at)
        values (${campaign.id}::uuid, 'Nasrin', 'Legacy', ${email}, ${email}, 'FR', 'Journalist', 'Harbour Street Daily', 'public',
          '{"familyName":"Legasy"}'::jsonb, 'v1', 'en', now(), 'confirmed', now())
        returning id`),
    );
    await db.execute(sql`insert into withdrawal_requests (campaign_id, email, locale) values (${campaign.id}::uuid, ${email}, 'en')`);

    expect(await sealLegacySigners(db)).toMatchObject({ signatures: 1, withdrawalRequests: 1 });
    expect(await sealLegacySigners(db)).toEqual({ signatures: 0, withdrawalRequests: 0 });
    expectNone(await rawText('signatures', campaign.id), ['Nasrin', 'Legacy', 'Journalist', 'Harbour Street', email]);
    expectNone(await rawText('withdrawal_requests', campaign.id), [email]);
    expect(await readSigner(legacy.id)).toMatchObject({
      givenName: 'Nasrin',
      familyName: 'Legacy',
      email,
      title: 'Journalist',
      affiliation: 'Harbour Street Daily',
      originalFields: { familyName: 'Legasy' },
    });
    // Found by its address like any other: signing again adds nothing.
    expect((await findSigner(email.toUpperCase()))?.id).toBe(legacy.id);
    await signCampaign(campaign.slug, signInput({ email }), { locale: 'en' });
    expect(await signersOf(campaign.id)).toHaveLength(1);
    // The waiting request, sealed, is still answered.
    await processWithdrawalRequests();
    expect((await mailsTo(email)).map((mail) => mail.kind)).toContain('withdraw-signature');
  });

  it('names nobody once the campaign key is destroyed: public lists show nothing, documents and organiser lists refuse', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const { input } = await signAndConfirm(campaign.slug, { givenName: word('Erased') });
    expect(await listPublicSigners(campaign.id)).toHaveLength(1);

    await destroyCampaignKey(await getDb(), campaign.id);

    expect(await listPublicSigners(campaign.id)).toEqual([]);
    expect(await listPublicSignersBySlug(campaign.slug)).toEqual([]);
    expect((await countSignatories(campaign.id, signatoryFiltersSchema.parse({}))).total).toBe(1);
    for (const attempt of [
      () => documentBytes(caller, campaign.slug, 'csv'),
      () => documentNames(campaign.id),
      () => listSignatures(caller, campaign.slug, {}),
      () => listSignatures(caller, campaign.slug, { q: input.givenName }),
    ]) {
      const error = await attempt().then(() => 'no error', (error: unknown) => error);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).message).not.toContain(input.givenName);
    }
  });
});
