import { describe, expect, it } from 'vitest';
import { listPublicSigners } from '@/lib/signatures/list-public-signers';
import { listSignatures } from '@/lib/signatures/list-signatures';
import { listReviewQueue, reviewSignature } from '@/lib/signatures/review-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { signatoryFiltersSchema } from '@/lib/signatories/filters';
import { readSignatories } from '@/lib/signatories/read-signatories';
import { createOrganiser, createPublishedCampaign, signAndConfirm, mailsTo, publicCount, signInput } from '../helpers/fixtures';
import { findSigner } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const kinds = ['individual', 'notable', 'organisation', 'group'] as const;


async function documentRows(campaignId: string, reviewed: 'only' | 'all' = 'only') {
  const rows = [];
  for await (const page of readSignatories(campaignId, signatoryFiltersSchema.parse({ reviewed }), { order: 'section' })) rows.push(...page);
  return rows;
}

describe('review of notable and organisation signatures', () => {
  it('counts a pending one but names it nowhere until approved, with corrections that keep the original', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...kinds] });
    const notable = await signAndConfirm(campaign.slug, {
      kind: 'notable',
      honorific: 'Prof.',
      givenName: 'Jane',
      familyName: 'Doee',
      title: 'Former UN Special Rapporteur on Extrajudicial Executions (2004–2010)',
      affiliation: 'University of Northbridge',
      country: 'GB',
    });
    expect(notable.review).toBe('pending');
    expect(await publicCount(campaign.slug)).toBe(1);
    expect(await listPublicSigners(campaign.id)).toEqual([]);
    expect(await documentRows(campaign.id)).toEqual([]);
    const unreviewed = await documentRows(campaign.id, 'all');
    expect(unreviewed).toHaveLength(1);
    expect(unreviewed[0]).toMatchObject({ review: 'pending', familyName: 'Doee' });
    expect((await listReviewQueue(caller, campaign.slug)).map((item) => item.id)).toEqual([notable.id]);

    const outcome = await reviewSignature(caller, campaign.slug, notable.id, { decision: 'approve', corrections: { familyName: 'Doe', title: notable.title } });
    expect(outcome).toEqual({ id: notable.id, review: 'approved', corrected: ['familyName'] });
    const [row] = await listPublicSigners(campaign.id);
    expect(row.name).toContain('Jane Doe');
    const listed = (await listSignatures(caller, campaign.slug, {})).items[0];
    expect(listed).toMatchObject({ review: 'approved', familyName: 'Doe', originalFields: { familyName: 'Doee' } });
    expect(await documentRows(campaign.id)).toMatchObject([{ section: 'notable', familyName: 'Doe', honorific: 'Prof.' }]);
    expect(await listReviewQueue(caller, campaign.slug)).toEqual([]);
  });

  it('rejects with a reason: the signer is mailed, the count drops, the name appears nowhere', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...kinds] });
    const org = await signAndConfirm(campaign.slug, {
      kind: 'organisation',
      organisation: { name: 'Not A Real NGO', ecosocStatus: 'general' },
      country: 'CH',
    });
    expect(await publicCount(campaign.slug)).toBe(1);
    await expect(reviewSignature(caller, campaign.slug, org.id, { decision: 'reject' })).rejects.toMatchObject({ status: 422, fields: { reason: expect.any(Array) } });

    await reviewSignature(caller, campaign.slug, org.id, { decision: 'reject', reason: 'Not found in the UN NGO database' });
    expect(await publicCount(campaign.slug)).toBe(0);
    expect(await documentRows(campaign.id, 'all')).toEqual([]);
    const mail = (await mailsTo(org.input.email)).find((m) => m.kind === 'signature-rejected');
    expect(mail?.text).toContain('Not found in the UN NGO database');
    // A second decision on a rejected signature is refused, and the count does not move again.
    await expect(reviewSignature(caller, campaign.slug, org.id, { decision: 'approve' })).rejects.toMatchObject({ status: 409 });
    expect(await publicCount(campaign.slug)).toBe(0);
  });

  it('needs no review for individuals, groups and counted notables; a stranger gets a 404', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...kinds] });
    const individual = await signAndConfirm(campaign.slug, {});
    const counted = await signAndConfirm(campaign.slug, { kind: 'notable', title: 'Judge', visibility: 'counted' });
    const group = await signAndConfirm(campaign.slug, { kind: 'group', group: { label: 'Family of R. Amani', members: 6 }, visibility: undefined });
    expect([individual.review, counted.review, group.review]).toEqual(['not-needed', 'not-needed', 'not-needed']);
    expect(group.visibility).toBe('counted');
    await expect(reviewSignature(caller, campaign.slug, individual.id, { decision: 'approve' })).rejects.toMatchObject({ status: 409 });
    const stranger = await createOrganiser();
    await expect(reviewSignature(stranger, campaign.slug, individual.id, { decision: 'approve' })).rejects.toMatchObject({ status: 404 });
    await expect(listReviewQueue(stranger, campaign.slug)).rejects.toMatchObject({ status: 404 });
  });

  it('will not review a signature before its signer confirms it', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...kinds] });
    const input = signInput({ kind: 'notable', title: 'Professor of law' });
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const row = (await findSigner(input.email))!;
    await expect(reviewSignature(caller, campaign.slug, row.id, { decision: 'approve' })).rejects.toMatchObject({ status: 409 });
    expect(await listReviewQueue(caller, campaign.slug)).toEqual([]);
  });
});
