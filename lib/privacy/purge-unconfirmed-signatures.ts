import { sql } from 'drizzle-orm';
import { getDb, resultRows } from '@/db/client';
import { signatures, signatureTokens } from '@/db/schema';
import { CONFIRMATION_DAYS } from '@/lib/signatures/sign-campaign';

const BATCH = 1_000;

/**
 * Deletes signatures never confirmed once every link mailed for them has expired: nothing can
 * confirm them any more, and the confirmation mail promises that ignoring it keeps nothing.
 * Pending signatures never count, so no count moves. Returns how many were deleted.
 */
export async function purgeUnconfirmedSignatures(): Promise<number> {
  const db = await getDb();
  let total = 0;
  for (;;) {
    const result = await db.execute(sql`
      delete from ${signatures} s
      where s.id in (
        select p.id from ${signatures} p
        where p.status = 'pending'
          and p.consented_at < now() - make_interval(days => ${CONFIRMATION_DAYS})
          and not exists (
            select 1 from ${signatureTokens} t
            where t.signature_id = p.id and t.purpose = 'confirm' and t.expires_at > now()
          )
        limit ${BATCH}
      )
      returning s.id`);
    const deleted = resultRows(result).length;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
