import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';

export type PublicSigner = { name: string; title: string | null; country: string; confirmedAt: string };

/**
 * The latest confirmed signers who chose to be named. Those who chose "counted" are never
 * listed, and no email address ever leaves this function.
 */
export async function listPublicSigners(campaignId: string, limit = 20): Promise<PublicSigner[]> {
  const db = await getDb();
  const rows = await db
    .select({
      givenName: signatures.givenName,
      familyName: signatures.familyName,
      title: signatures.title,
      country: signatures.country,
      confirmedAt: signatures.confirmedAt,
    })
    .from(signatures)
    .where(
      and(eq(signatures.campaignId, campaignId), eq(signatures.status, 'confirmed'), eq(signatures.visibility, 'public')),
    )
    .orderBy(desc(signatures.confirmedAt), desc(signatures.id))
    .limit(Math.min(Math.max(limit, 1), 100));
  return rows.map((row) => ({
    name: `${row.givenName} ${row.familyName}`,
    title: row.title,
    country: row.country,
    confirmedAt: row.confirmedAt!.toISOString(),
  }));
}

/** The same list for a campaign known by its public slug (drafts have no public signers). */
export async function listPublicSignersBySlug(slug: string, limit = 20): Promise<PublicSigner[]> {
  const campaign = await findCampaignBySlug(slug);
  return campaign && campaign.status !== 'draft' ? listPublicSigners(campaign.id, limit) : [];
}
