import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mailSuppressions, outbox } from '@/db/schema';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { getResendClient } from './transport';

const STATUS_BY_EVENT: Record<string, string> = {
  'email.delivered': 'delivered',
  'email.delivery_delayed': 'delayed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
};

type DeliveryEvent = {
  type?: unknown;
  data?: { email_id?: unknown; to?: unknown; bounce?: { type?: unknown } };
};

export type SignedRequest = { body: string; id: string | null; timestamp: string | null; signature: string | null };

/**
 * A Resend webhook: checks its Svix signature with Resend's own verifier, then records what
 * happened to the mail. Addresses that bounce for good or complain are never mailed again.
 * Unknown events and unknown mails are acknowledged and ignored, so the provider stops retrying.
 */
export async function recordDeliveryEvent(request: SignedRequest): Promise<{ recorded: boolean }> {
  const secret = getEnv().resendWebhookSecret;
  const client = getResendClient();
  if (!secret || !client) throw new AppError('not_found', 'Not found');
  if (!request.id || !request.timestamp || !request.signature) {
    throw new AppError('bad_request', 'Missing webhook signature headers');
  }
  let event: DeliveryEvent;
  try {
    event = client.webhooks.verify({
      payload: request.body,
      headers: { id: request.id, timestamp: request.timestamp, signature: request.signature },
      webhookSecret: secret,
    }) as DeliveryEvent;
  } catch {
    throw new AppError('bad_request', 'The webhook signature does not match');
  }

  const status = typeof event.type === 'string' ? STATUS_BY_EVENT[event.type] : undefined;
  const emailId = event.data?.email_id;
  if (!status || typeof emailId !== 'string') return { recorded: false };
  const db = await getDb();
  const rows = await db
    .update(outbox)
    .set({ deliveryStatus: status, deliveryUpdatedAt: sql`now()` })
    .where(eq(outbox.providerMessageId, emailId))
    .returning({ id: outbox.id, addressHash: outbox.addressHash });

  const permanent = status === 'complained' || (status === 'bounced' && event.data?.bounce?.type !== 'Transient');
  if (permanent) {
    const hashes = new Set(rows.flatMap((row) => (row.addressHash ? [row.addressHash] : [])));
    const to = event.data?.to;
    for (const address of Array.isArray(to) ? to : [to]) if (typeof address === 'string') hashes.add(mailAddressHash(address));
    if (hashes.size) {
      await db
        .insert(mailSuppressions)
        .values([...hashes].map((addressHash) => ({ addressHash, reason: status })))
        .onConflictDoNothing();
    }
  }
  log('info', 'mail delivery event', { status, outboxRows: rows.length, suppressed: permanent });
  return { recorded: rows.length > 0 };
}
