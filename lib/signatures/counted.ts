import { sql } from 'drizzle-orm';
import { signatures } from '@/db/schema';

/**
 * The one definition of a signature that counts: confirmed, not held by an abuse limit, not
 * invalidated by an organiser, not rejected in review. Counts, public lists and documents all follow it.
 */
export const isCounted = sql`(${signatures.status} = 'confirmed' and ${signatures.heldReason} is null and ${signatures.invalidatedAt} is null and ${signatures.review} <> 'rejected')`;

/** The same rule for a row already read. */
export function countsTowardTotal(row: { status: string; heldReason: string | null; invalidatedAt: Date | null; review: string }): boolean {
  return row.status === 'confirmed' && row.heldReason === null && row.invalidatedAt === null && row.review !== 'rejected';
}
