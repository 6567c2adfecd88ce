import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { sealedOutboxFields } from './sealed-outbox-fields';

const BATCH = 500;

/**
 * Mail written before the outbox was sealed (an upgraded install): waiting mail is sealed, and
 * sent or given-up mail keeps only its address's hash. Runs after migrations; does nothing twice.
 */
export async function sealLegacyOutbox(db: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await db
      .select({ id: outbox.id, to: outbox.toAddress, html: outbox.html, text: outbox.text, status: outbox.status })
      .from(outbox)
      .where(and(isNotNull(outbox.toAddress), isNull(outbox.sealed)))
      .limit(BATCH);
    if (rows.length === 0) return sealed;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const to = row.to ?? '';
        const waiting = row.status === 'pending' || row.status === 'failed';
        await tx
          .update(outbox)
          .set({
            ...(waiting ? sealedOutboxFields(to, { html: row.html ?? '', text: row.text ?? '' }) : { addressHash: mailAddressHash(to) }),
            toAddress: null,
            html: null,
            text: null,
          })
          .where(and(eq(outbox.id, row.id), eq(outbox.status, row.status)));
      }
    });
    sealed += rows.length;
  }
}
