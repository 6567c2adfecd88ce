import { systemActor } from '@/lib/audit/audit-actor';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, deliveryResponses, signatures } from '@/db/schema';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';
import { recordDelivery } from '@/lib/deliveries/create-delivery';
import { signatoryFiltersSchema } from '@/lib/signatories/filters';
import { CONSENT_VERSION, recordConsentTexts } from '@/lib/privacy/consent';
import { appendCountDeltas, countedColumns } from '@/lib/signatures/append-count-deltas';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
import { recordVersion } from '@/lib/campaigns/record-version';
import { DEMO_SLUG, demoCampaign, demoSignatures, demoTranslationFr } from './demo-campaign';

/** Creates the demo campaign once, with one delivery on its timeline. Returns false when it already exists. */
export async function seedDemo(): Promise<boolean> {
  const db = await getDb();
  const created = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.slug, DEMO_SLUG)).limit(1);
    if (existing) return false;
    await recordConsentTexts(tx);
    const [campaign] = await tx
      .insert(campaigns)
      .values({ ...demoCampaign, translations: { fr: demoTranslationFr }, status: 'published', publishedAt: sql`now()` })
      .returning();
    await recordVersion(tx, campaign, 1, null);
    const inserted = await tx.insert(signatures).values(
      demoSignatures.map((signer, index) => {
        const email = `demo-signer-${index + 1}@example.org`;
        return {
          campaignId: campaign.id,
          ...signer,
          members: signer.members ?? 1,
          review: signer.review ?? 'not-needed',
          email,
          emailCanonical: canonicaliseEmail(email),
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
    return true;
  });
  if (created) await seedDemoDelivery();
  return created;
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
