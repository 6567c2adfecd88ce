import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mailSuppressions, outbox, outboxBatches } from '@/db/schema';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { readPacketFiles } from '@/lib/deliveries/read-packet';
import { openOutboxRow } from './open-outbox-row';
import { getTransport, type OutgoingMail, type SendResult, type Transport } from './transport';

export const BATCH_SIZE = 100; // Resend's batch endpoint takes at most 100 mails.
/** While the provider is down a mail is retried at least this often. */
export const MAX_BACKOFF_SECONDS = 60;
/** A rate-limited provider that names no wait is asked again after this long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
/** A retry-after beyond this is treated as a mistake: the mail is tried again after it. */
const MAX_RATE_LIMIT_WAIT_MS = 10 * 60_000;

export type DrainResult = { sent: number; failed: number; deferred: number; suppressed?: number; waitMs?: number };

type Batch = typeof outboxBatches.$inferSelect;

/**
 * Sends one batch of due mail. New rows are first grouped into fixed batches of up to 100, each
 * with its own idempotency key; a batch is then claimed whole (SKIP LOCKED and a lease), so
 * several senders never take the same mail and a retry is always the very same request.
 */
export async function drainOutbox(): Promise<DrainResult> {
  const suppressed = await formBatch();
  // A batch whose mails were all withdrawn meanwhile is closed and the next one taken.
  for (let tries = 0; tries < 10; tries++) {
    const batch = await claimBatch();
    if (!batch) break;
    const result = await sendBatch(batch, getTransport());
    if (result) return { ...result, suppressed };
  }
  return { sent: 0, failed: 0, deferred: 0, suppressed };
}

/** Groups the oldest unbatched rows into one new batch; rows to suppressed addresses are set aside. */
async function formBatch(): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id, addressHash: outbox.addressHash, legacyTo: outbox.toAddress, deliveryId: outbox.deliveryId })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), isNull(outbox.batchId)))
      .orderBy(asc(outbox.id))
      .limit(BATCH_SIZE)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;
    // A mail with attachments goes alone (the batch endpoint takes none); others stop short of it.
    const firstWithFiles = due.findIndex((row) => row.deliveryId);
    const rows = firstWithFiles === 0 ? due.slice(0, 1) : firstWithFiles > 0 ? due.slice(0, firstWithFiles) : due;
    const hashes = new Map(rows.map((row) => [row.id, row.addressHash ?? mailAddressHash(row.legacyTo ?? '')]));
    const blocked = new Set(
      (
        await tx
          .select({ hash: mailSuppressions.addressHash })
          .from(mailSuppressions)
          .where(inArray(mailSuppressions.addressHash, [...new Set(hashes.values())]))
      ).map((row) => row.hash),
    );
    const suppressedIds = rows.filter((row) => blocked.has(hashes.get(row.id)!)).map((row) => row.id);
    const sendIds = rows.filter((row) => !blocked.has(hashes.get(row.id)!)).map((row) => row.id);
    if (suppressedIds.length) {
      // Recorded, not skipped silently: organisers see these as undeliverable.
      await tx
        .update(outbox)
        .set({ status: 'suppressed', sealed: null, toAddress: null, html: null, text: null, lastError: 'address bounced or complained before' })
        .where(inArray(outbox.id, suppressedIds));
    }
    if (sendIds.length) {
      const [batch] = await tx
        .insert(outboxBatches)
        .values({ idempotencyKey: `outbox-batch-${randomUUID()}` })
        .returning({ id: outboxBatches.id });
      await tx.update(outbox).set({ batchId: batch.id }).where(inArray(outbox.id, sendIds));
    }
    return suppressedIds.length;
  });
}

async function claimBatch(): Promise<Batch | undefined> {
  const db = await getDb();
  const due = db
    .select({ id: outboxBatches.id })
    .from(outboxBatches)
    .where(
      and(
        eq(outboxBatches.status, 'pending'),
        sql`${outboxBatches.nextAttemptAt} <= now()`,
        sql`(${outboxBatches.lockedUntil} is null or ${outboxBatches.lockedUntil} < now())`,
      ),
    )
    .orderBy(asc(outboxBatches.nextAttemptAt), asc(outboxBatches.id))
    .limit(1)
    .for('update', { skipLocked: true });
  // The lease outlives the provider timeout, so a live sender is never overtaken by another.
  const leaseSeconds = Math.ceil(getEnv().mailTimeoutMs / 1000) * 2 + 30;
  const [batch] = await db
    .update(outboxBatches)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(inArray(outboxBatches.id, due))
    .returning();
  return batch;
}

async function sendBatch(batch: Batch, transport: Transport): Promise<DrainResult | null> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.batchId, batch.id), eq(outbox.status, 'pending')))
    .orderBy(asc(outbox.id));
  if (rows.length === 0) {
    await db.update(outboxBatches).set({ status: 'sent', lockedUntil: null }).where(eq(outboxBatches.id, batch.id));
    return null;
  }
  const mails: OutgoingMail[] = await Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      from: row.fromAddress,
      ...openOutboxRow(row),
      subject: row.subject,
      headers: row.headers,
      ...(row.deliveryId ? { attachments: await readPacketFiles(row.deliveryId) } : {}),
    })),
  );

  const result = await transport.send(mails, batch.idempotencyKey);
  if (result.ok) {
    await markSent(batch.id, rows.map((row, index) => ({ id: row.id, providerId: result.providerIds[index] })), transport);
    log('info', 'mail sent', { batch: batch.id, count: rows.length, transport: transport.name });
    if (transport.name === 'dev-mailbox') {
      log('info', `mail kept in the dev mailbox (RESEND_API_KEY is unset): ${getEnv().baseUrl}/dev/mailbox`, { count: rows.length });
    }
    return { sent: rows.length, failed: 0, deferred: 0 };
  }

  // A batch refused for its content sent nothing: give each mail a batch (and key) of its own,
  // so one bad address cannot block the rest, and send them now.
  if (!result.retryable && rows.length > 1) {
    const singles = await splitBatch(batch, rows.map((row) => row.id));
    const total: DrainResult = { sent: 0, failed: 0, deferred: 0 };
    for (const single of singles) {
      const outcome = await sendBatch(single, transport);
      total.sent += outcome?.sent ?? 0;
      total.failed += outcome?.failed ?? 0;
      total.deferred += outcome?.deferred ?? 0;
    }
    return total;
  }

  const gaveUp = await markFailure(batch, result);
  log('warn', 'mail not accepted by the provider', { batch: batch.id, count: rows.length, error: result.error, gaveUp });
  return gaveUp
    ? { sent: 0, failed: rows.length, deferred: 0 }
    : { sent: 0, failed: 0, deferred: rows.length, waitMs: result.rateLimited ? rateLimitWait(result) : undefined };
}

async function markSent(batchId: number, rows: { id: number; providerId: string | null }[], transport: Transport) {
  const db = await getDb();
  const values = sql.join(
    rows.map((row) => sql`(${row.id}::bigint, ${row.providerId}::text)`),
    sql`, `,
  );
  // Bodies carry live confirmation and sign-in links, and the address is personal: once a
  // provider has the mail, only the address's keyed hash is kept.
  const bodies = transport.keepsBodies ? sql`` : sql`, sealed = null, to_address = null, html = null, text = null`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update ${outbox} set status = 'sent', sent_at = now(), transport = ${transport.name},
        provider_message_id = v.provider_id, last_error = null, attempts = attempts + 1 ${bodies}
      from (values ${values}) as v(id, provider_id)
      where ${outbox.id} = v.id`);
    await tx.update(outboxBatches).set({ status: 'sent', lockedUntil: null, lastError: null }).where(eq(outboxBatches.id, batchId));
  });
}

async function splitBatch(batch: Batch, ids: number[]): Promise<Batch[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const singles = await tx
      .insert(outboxBatches)
      .values(ids.map(() => ({ idempotencyKey: `outbox-batch-${randomUUID()}`, lockedUntil: sql`now() + interval '5 minutes'` })))
      .returning();
    for (const [index, id] of ids.entries()) {
      await tx.update(outbox).set({ batchId: singles[index].id }).where(eq(outbox.id, id));
    }
    await tx.update(outboxBatches).set({ status: 'failed', lockedUntil: null, lastError: 'split into single mails' }).where(eq(outboxBatches.id, batch.id));
    return singles;
  });
}

function rateLimitWait(result: Extract<SendResult, { ok: false }>): number {
  return Math.min(result.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAIT_MS);
}

/**
 * Schedules the next try. Being rate limited is not a failure: it waits as asked and uses up
 * no attempt. Other errors back off exponentially, capped so that mail flows again within a
 * minute of the provider's recovery; a mail is given up only when it is older than
 * MAIL_GIVE_UP_HOURS (or refused for its content), and organisers can then retry it.
 */
async function markFailure(batch: Batch, result: Extract<SendResult, { ok: false }>): Promise<boolean> {
  const db = await getDb();
  const attempts = result.rateLimited ? batch.attempts : batch.attempts + 1;
  const ageHours = (Date.now() - batch.createdAt.getTime()) / 3_600_000;
  const giveUp = !result.retryable || ageHours >= getEnv().mailGiveUpHours;
  const delayMs = result.rateLimited
    ? rateLimitWait(result)
    : Math.max(result.retryAfterMs ?? 0, backoffMs(attempts));
  const error = result.error.slice(0, 200);
  await db.transaction(async (tx) => {
    await tx
      .update(outboxBatches)
      .set({
        status: giveUp ? 'failed' : 'pending',
        attempts,
        lockedUntil: null,
        lastError: error,
        nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      })
      .where(eq(outboxBatches.id, batch.id));
    await tx
      .update(outbox)
      .set({ status: giveUp ? 'failed' : 'pending', attempts, lastError: error })
      .where(and(eq(outbox.batchId, batch.id), eq(outbox.status, 'pending')));
  });
  if (giveUp) log('error', 'mail given up', { batch: batch.id, attempts, error });
  return giveUp;
}

/** 1 s, 2 s, 4 s … capped at MAX_BACKOFF_SECONDS, with jitter so senders do not retry in step. */
export function backoffMs(attempts: number): number {
  const base = Math.min(2 ** Math.max(0, attempts - 1), MAX_BACKOFF_SECONDS) * 1000;
  return Math.round(base * (0.8 + Math.random() * 0.2));
}
