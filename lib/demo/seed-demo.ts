import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import { CONSENT_VERSION, recordConsentTexts } from '@/lib/privacy/consent';
import { appendCountDeltas } from '@/lib/signatures/append-count-deltas';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
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
      .returning({ id: campaigns.id });
    const inserted = await tx.insert(signatures).values(
      demoSignatures.map((signer, index) => {
        const email = `demo-signer-${index + 1}@example.org`;
        return {
          campaignId: campaign.id,
          ...signer,
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
    ).returning({ country: signatures.country });
    // The public count comes from appended deltas, like any confirmation's.
    await appendCountDeltas(tx, campaign.id, inserted.map(({ country }) => country), 1);
    return true;
  });
}
