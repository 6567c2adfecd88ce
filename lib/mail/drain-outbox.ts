import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { getTransport, type OutgoingMail } from './transport';

export const BATCH_SIZE = 100; // Resend's batch endpoint takes at most 100 mails.
export const MAX_ATTEMPTS = 10;
const CLAIM_SECONDS = 120;

export type DrainResult = { sent: number; failed: number; deferred: number; waitMs?: number };

/**
 * Sends one batch of due outbox rows. Rows are claimed with SKIP LOCKED and a lease,
 * so several senders (the app and `npm run worker` on PostgreSQL) never take the same row.
 */
export async function drainOutbox(): Promise<DrainResult> {
  const db = await getDb();
  const transport = getTransport();
  const now = sql`now()`;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(BATCH_SIZE)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  if (claimed.length === 0) return { sent: 0, failed: 0, deferred: 0 };
  claimed.sort((a, b) => a.id - b.id);

  const mails: OutgoingMail[] = claimed.map((row) => ({
    id: row.id,
    from: row.fromAddress,
    to: row.toAddress,
    subject: row.subject,
    html: row.html ?? '',
    text: row.text ?? '',
    headers: row.headers,
  }));

  const result = await transport.send(mails);
  if (result.ok) {
    await markSent(
      claimed.map((row, index) => ({ id: row.id, providerId: result.providerIds[index] })),
      transport.name,
      transport.keepsBodies,
    );
    for (const row of claimed) {
      log('info', 'mail sent', { outboxId: row.id, kind: row.kind, transport: transport.name });
    }
    if (transport.name === 'dev-mailbox') {
      log('info', `mail kept in the dev mailbox (RESEND_API_KEY is unset): ${getEnv().baseUrl}/dev/mailbox`, {
        count: claimed.length,
      });
    }
    return { sent: claimed.length, failed: 0, deferred: 0 };
  }

  // A batch refused for its content: send the rows one by one so one bad address cannot block the rest.
  if (!result.retryable && claimed.length > 1) {
    await db.update(outbox).set({ lockedUntil: null, attempts: sql`${outbox.attempts} - 1` }).where(inArray(outbox.id, claimed.map((r) => r.id)));
    let sent = 0;
    let failed = 0;
    for (const mail of mails) {
      const single = await transport.send([mail]);
      if (single.ok) {
        await markSent([{ id: mail.id, providerId: single.providerIds[0] }], transport.name, transport.keepsBodies);
        sent += 1;
      } else {
        const row = claimed.find((r) => r.id === mail.id)!;
        failed += (await markFailure(row.id, row.attempts, single)) ? 1 : 0;
      }
    }
    return { sent, failed, deferred: mails.length - sent - failed };
  }

  let failed = 0;
  for (const row of claimed) failed += (await markFailure(row.id, row.attempts, result)) ? 1 : 0;
  log('warn', 'mail not accepted by the provider', { count: claimed.length, error: result.error, retryable: result.retryable });
  return { sent: 0, failed, deferred: claimed.length - failed, waitMs: result.retryAfterMs };
}

async function markSent(rows: { id: number; providerId: string | null }[], transport: string, keepBodies: boolean) {
  const db = await getDb();
  for (const row of rows) {
    await db
      .update(outbox)
      .set({
        status: 'sent',
        sentAt: sql`now()`,
        lockedUntil: null,
        transport,
        providerMessageId: row.providerId,
        lastError: null,
        // Bodies carry live confirmation and sign-in links: once delivered they are not kept.
        ...(keepBodies ? {} : { html: null, text: null }),
      })
      .where(eq(outbox.id, row.id));
  }
}

/** Returns true when the row is given up on. */
async function markFailure(
  id: number,
  attempts: number,
  result: { retryable: boolean; retryAfterMs?: number; error: string },
): Promise<boolean> {
  const db = await getDb();
  const giveUp = !result.retryable || attempts >= MAX_ATTEMPTS;
  const delayMs = result.retryAfterMs ?? Math.min(2 ** attempts * 5_000, 60 * 60_000);
  await db
    .update(outbox)
    .set({
      status: giveUp ? 'failed' : 'pending',
      lockedUntil: null,
      lastError: result.error.slice(0, 200),
      nextAttemptAt: sql`now() + make_interval(secs => ${Math.ceil(delayMs / 1000)})`,
    })
    .where(eq(outbox.id, id));
  if (giveUp) log('error', 'mail given up', { outboxId: id, attempts, error: result.error });
  return giveUp;
}
