import { and, desc, eq, isNull, ne, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import { SLUG_MAX, SLUG_PATTERN } from '@/lib/schemas/campaign';
import { isCounted } from './counted';

export type PublicSigner = { name: string; title: string | null; country: string; confirmedAt: string };

/**
 * The latest counted signers who chose to be named, of a published or closed campaign.
 * Those who chose "counted", held or invalidated signatures and names an organiser hid are
 * never listed, and no email address ever leaves this file.
 */
async function selectPublicSigners(campaign: SQL, limit: number): Promise<PublicSigner[]> {
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
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(and(campaign, ne(campaigns.status, 'draft'), isCounted, eq(signatures.visibility, 'public'), isNull(signatures.nameHiddenAt)))
    .orderBy(desc(signatures.confirmedAt), desc(signatures.id))
    .limit(Math.min(Math.max(limit, 1), 100));
  return rows.map((row) => ({
    name: `${row.givenName} ${row.familyName}`,
    title: row.title,
    country: row.country,
    confirmedAt: row.confirmedAt!.toISOString(),
  }));
}

export function listPublicSigners(campaignId: string, limit = 20): Promise<PublicSigner[]> {
  return selectPublicSigners(eq(campaigns.id, campaignId), limit);
}

/** By public slug, in one query: the letter page already has the campaign and needs only these. */
export async function listPublicSignersBySlug(slug: string, limit = 20): Promise<PublicSigner[]> {
  if (slug.length > SLUG_MAX || !SLUG_PATTERN.test(slug)) return [];
  return selectPublicSigners(eq(campaigns.slug, slug), limit);
}
