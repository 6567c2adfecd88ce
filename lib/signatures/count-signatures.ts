import { and, count, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';

export type SignatureCounts = { confirmed: number; pending: number };

/** Confirmed and pending counts per campaign, in one query. Only confirmed ones are ever shown publicly. */
export async function countSignatures(campaignIds: string[]): Promise<Map<string, SignatureCounts>> {
  const result = new Map<string, SignatureCounts>(campaignIds.map((id) => [id, { confirmed: 0, pending: 0 }]));
  if (campaignIds.length === 0) return result;
  const db = await getDb();
  const rows = await db
    .select({ campaignId: signatures.campaignId, status: signatures.status, n: count() })
    .from(signatures)
    .where(inArray(signatures.campaignId, campaignIds))
    .groupBy(signatures.campaignId, signatures.status);
  for (const row of rows) result.get(row.campaignId)![row.status] = Number(row.n);
  return result;
}

export async function countConfirmed(campaignId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(signatures)
    .where(and(eq(signatures.campaignId, campaignId), eq(signatures.status, 'confirmed')));
  return Number(row?.n ?? 0);
}
