import { systemActor } from '@/lib/audit/audit-actor';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, deliveryResponses, signatures, workspaces } from '@/db/schema';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';
import { recordDelivery } from '@/lib/deliveries/create-delivery';
import { signatoryFiltersSchema } from '@/lib/signatories/filters';
import { CONSENT_VERSION, recordConsentTexts } from '@/lib/privacy/consent';
import { appendCountDeltas, countedColumns } from '@/lib/signatures/append-count-deltas';
import { signerColumns, signerData } from '@/lib/signatures/signer-data';
import { getCampaignKey } from '@/lib/crypto/campaign-keys';
import { recordVersion } from '@/lib/campaigns/record-version';
import { DEMO_SLUG, demoCampaign, demoSignatures, demoTranslationFr } from './demo-campaign';

/** Creates the demo campaign once, with one delivery on its timeline. Returns false when it already exists. */
export async function seedDemo(): Promise<boolean> {
  const db = await getDb();
  const campaign = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.slug, DEMO_SLUG)).limit(1);
    if (existing) return undefined;
    await recordConsentTexts(tx);
    // A workspace with no members: administrators reach it, and can invite people to it.
    const [workspace] = await tx.insert(workspaces).values({ name: demoCampaign.organisedBy ?? 'Demo' }).returning({ id: workspaces.id });
    const [created] = await tx
      .insert(campaigns)
      .values({ ...demoCampaign, workspaceId: workspace.id, translations: { fr: demoTranslationFr }, status: 'published', publishedAt: sql`now()` })
      .returning();
    await recordVersion(tx, created, 1, null);
    return created;
  });
  if (!campaign) return false;
  // The key is made once the campaign exists, outside any transaction (see getCampaignKey).
  const key = await getCampaignKey(campaign.id);
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(signatures).values(
      demoSignatures.map((signer, index) => {
        const { givenName, familyName, title, honorific, affiliation, organisationName, groupLabel, ...clear } = signer;
        const email = `demo-signer-${index + 1}@example.org`;
        return {
          campaignId: campaign.id,
          ...clear,
          ...signerColumns(key, signerData({ email, givenName, familyName, title, honorific, affiliation, organisationName, groupLabel })),
          members: signer.members ?? 1,
          review: signer.review ?? 'not-needed',
          wantsUpdates: false,
          consentVersion: CONSENT_VERSION,
          consentLocale: 'en',
          consentedAt: sql`now()`,
          status: 'confirmed' as const,
          confirmedAt: sql`now() - make_interval(mins => ${(demoSignatures.length - index) * 7})`,
        };
      }),
    ).returning(countedColumns);
    // The public count comes from appended deltas, like any confirmation's.
    await appendCountDeltas(tx, campaign.id, inserted, 1);
  });
  await seedDemoDelivery();
  return true;
}

/** The demo letter handed to its first addressee, and acknowledged: a timeline to look at and a packet to verify. */
async function seedDemoDelivery(): Promise<void> {
  const campaign = (await findCampaignBySlug(DEMO_SLUG))!;
  const delivery = await recordDelivery(
    campaign,
    {
      addressee: campaign.addressees[0].name,
      channel: 'email',
      formats: ['pdf', 'csv'],
      filters: signatoryFiltersSchema.parse({}),
      note: null,
      deliveredOn: undefined,
      send: false,
    },
    { createdBy: null, actor: systemActor('demo seed') },
  );
  const db = await getDb();
  await db.insert(deliveryResponses).values({
    deliveryId: delivery.id,
    status: 'acknowledged',
    receivedOn: delivery.createdAt.slice(0, 10),
    text: 'Received by the Office of the High Commissioner and passed to the desk concerned.',
  });
}
