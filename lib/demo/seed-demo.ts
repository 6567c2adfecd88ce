import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import { CONSENT_VERSION, recordConsentTexts } from '@/lib/privacy/consent';
import { appendCountDeltas, countedColumns } from '@/lib/signatures/append-count-deltas';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
import { recordVersion } from '@/lib/campaigns/record-version';
import { DEMO_SLUG, demoCampaign, demoSignatures, demoTranslationFr } from './demo-campaign';

/** Creates the demo campaign once. Returns false when it already exists. */
export async function seedDemo(): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
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
}
