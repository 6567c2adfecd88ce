import { inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignCounts, signatures } from '@/db/schema';
import { isCounted } from './counted';

export type SignatureCounts = {
  confirmed: number;
  pending: number;
  held: number;
  /** Confirmed notable and organisation signatures waiting for review (counted, not yet named). */
  unreviewed: number;
  /** The counted ones broken down as on the public page, but exact. */
  public: PublicCounts;
};

export const emptySignatureCounts = (): SignatureCounts => ({ confirmed: 0, pending: 0, held: 0, unreviewed: 0, public: emptyPublicCounts() });

/**
 * Organisers' counts per campaign, exact, in one query: counted, waiting for confirmation,
 * held by an abuse limit, waiting for review. Not on any public or signing path.
 */
export async function countSignatures(campaignIds: string[]): Promise<Map<string, SignatureCounts>> {
  const result = new Map<string, SignatureCounts>(campaignIds.map((id) => [id, emptySignatureCounts()]));
  if (campaignIds.length === 0) return result;
  const db = await getDb();
  const rows = await db
    .select({
      campaignId: signatures.campaignId,
      kind: signatures.kind,
      source: signatures.source,
      confirmed: sql<number>`count(*) filter (where ${isCounted})`,
      people: sql<number>`coalesce(sum(${signatures.members}) filter (where ${isCounted}), 0)`,
      pending: sql<number>`count(*) filter (where ${signatures.status} = 'pending' and ${signatures.invalidatedAt} is null)`,
      held: sql<number>`count(*) filter (where ${signatures.heldReason} is not null and ${signatures.invalidatedAt} is null)`,
      unreviewed: sql<number>`count(*) filter (where ${isCounted} and ${signatures.review} = 'pending')`,
    })
    .from(signatures)
    .where(inArray(signatures.campaignId, campaignIds))
    .groupBy(signatures.campaignId, signatures.kind, signatures.source);
  for (const row of rows) {
    const counts = result.get(row.campaignId)!;
    const confirmed = Number(row.confirmed);
    counts.confirmed += confirmed;
    counts.pending += Number(row.pending);
    counts.held += Number(row.held);
    counts.unreviewed += Number(row.unreviewed);
    counts.public.total += confirmed;
    counts.public[row.source] += confirmed;
    counts.public.people += Number(row.people);
    counts.public.byKind[row.kind] += confirmed;
  }
  return result;
}

export type PublicCounts = {
  total: number;
  online: number;
  paper: number;
  /** People behind the signatures: group members count each, everyone else once. */
  people: number;
  byKind: { individual: number; notable: number; organisation: number; group: number };
  byCountry: Record<string, number>;
};

const emptyPublicCounts = (): PublicCounts => ({
  total: 0,
  online: 0,
  paper: 0,
  people: 0,
  byKind: { individual: 0, notable: 0, organisation: 0, group: 0 },
  byCountry: {},
});

/**
 * The public counts, read from the rolled-up `campaign_counts` (see roll-up-counts.ts): never a
 * count(*) over signatures, and nothing that signing or confirming has to lock.
 */
export async function countPublic(campaignIds: string[]): Promise<Map<string, PublicCounts>> {
  const result = new Map<string, PublicCounts>(campaignIds.map((id) => [id, emptyPublicCounts()]));
  if (campaignIds.length === 0) return result;
  const db = await getDb();
  const rows = await db.select().from(campaignCounts).where(inArray(campaignCounts.campaignId, campaignIds));
  for (const row of rows) {
    if (row.count <= 0) continue;
    const counts = result.get(row.campaignId)!;
    counts.total += row.count;
    counts[row.source] += row.count;
    counts.people += row.people;
    counts.byKind[row.kind] += row.count;
    counts.byCountry[row.country] = (counts.byCountry[row.country] ?? 0) + row.count;
  }
  return result;
}
