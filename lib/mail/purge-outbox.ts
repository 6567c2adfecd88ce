import { and, inArray, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';

/** Sent and failed mail is kept this long (for support questions), then deleted. */
export const OUTBOX_RETENTION_DAYS = 30;

/**
 * Deletes old sent and given-up mail. Even without its body, a row says which address was
 * written to about which letter: kept forever, the outbox would become a list of signers.
 */
export async function purgeOutbox(retentionDays = OUTBOX_RETENTION_DAYS): Promise<number> {
  const db = await getDb();
  const deleted = await db
    .delete(outbox)
    .where(
      and(
        inArray(outbox.status, ['sent', 'failed']),
        lt(outbox.createdAt, sql`now() - make_interval(days => ${retentionDays})`),
      ),
    )
    .returning({ id: outbox.id });
  return deleted.length;
}
