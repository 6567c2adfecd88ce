import { inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignCounts, signatures } from '@/db/schema';
import { isCounted } from './counted';

export type SignatureCounts = { confirmed: number; pending: number; held: number };

/**
 * Organisers' counts per campaign, exact, in one query: counted, waiting for confirmation,
 * and held by an abuse limit. Not on any public or signing path.
 */
export async function countSignatures(campaignIds: string[]): Promise<Map<string, SignatureCounts>> {
  const result = new Map<string, SignatureCounts>(campaignIds.map((id) => [id, { confirmed: 0, pending: 0, held: 0 }]));
  if (campaignIds.length === 0) return result;
  const db = await getDb();
  const rows = await db
    .select({
      campaignId: signatures.campaignId,
      confirmed: sql<number>`count(*) filter (where ${isCounted})`,
      pending: sql<number>`count(*) filter (where ${signatures.status} = 'pending' and ${signatures.invalidatedAt} is null)`,
      held: sql<number>`count(*) filter (where ${signatures.heldReason} is not null and ${signatures.invalidatedAt} is null)`,
    })
    .from(signatures)
    .where(inArray(signatures.campaignId, campaignIds))
    .groupBy(signatures.campaignId);
  for (const row of rows) {
    result.set(row.campaignId, { confirmed: Number(row.confirmed), pending: Number(row.pending), held: Number(row.held) });
  }
  return result;
}

export type PublicCounts = { total: number; byCountry: Record<string, number> };

/**
 * The public counts, read from the rolled-up `campaign_counts` (see roll-up-counts.ts): never a
 * count(*) over signatures, and nothing that signing or confirming has to lock.
 */
export async function countPublic(campaignIds: string[]): Promise<Map<string, PublicCounts>> {
  const result = new Map<string, PublicCounts>(campaignIds.map((id) => [id, { total: 0, byCountry: {} }]));
  if (campaignIds.length === 0) return result;
  const db = await getDb();
  const rows = await db.select().from(campaignCounts).where(inArray(campaignCounts.campaignId, campaignIds));
  for (const row of rows) {
    if (row.count <= 0) continue;
    const counts = result.get(row.campaignId)!;
    counts.total += row.count;
    counts.byCountry[row.country] = row.count;
  }
  return result;
}
