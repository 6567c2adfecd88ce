import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { campaigns } from './campaigns';
import { deliveries } from './deliveries';

// `suppressed`: never handed to the provider, because the address bounced or complained before.
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed', 'suppressed']);
export const batchStatus = pgEnum('outbox_batch_status', ['pending', 'sent', 'failed']);

/**
 * A fixed group of outbox rows sent as one provider request under one idempotency key. A batch
 * never changes once formed and is always retried whole, so a retry after a lost answer is
 * recognised by the provider and cannot send anything twice.
 */
export const outboxBatches = pgTable(
  'outbox_batches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: batchStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_batches_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/**
 * Mail to send, written in the same transaction as the change that causes it.
 * Bodies hold live links, so they are blanked once a provider has accepted the mail.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    // Which letter the mail is about, so organisers see delivery problems per letter.
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    batchId: bigint('batch_id', { mode: 'number' }).references(() => outboxBatches.id, { onDelete: 'set null' }),
    // A delivery sent by email: its packet's files go as attachments, read from the stored packet
    // when the mail is sent, never copied into the outbox. Such a mail is always a batch of its own.
    deliveryId: uuid('delivery_id').references(() => deliveries.id, { onDelete: 'set null' }),
    /** No longer written: the address is in `sealed` while the mail waits, then only its hash is kept. */
    toAddress: text('to_address'),
    /** Keyed hash of the address: matches suppressions, throttles and withdrawals without holding it. */
    addressHash: text('address_hash'),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    /** No longer written: the bodies are in `sealed` (see lib/crypto/seal-mail.ts). */
    html: text('html'),
    text: text('text'),
    /** Address and bodies, encrypted, while the mail waits; erased once a provider has accepted it. */
    sealed: bytea('sealed'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    status: outboxStatus('status').notNull().default('pending'),
    // Mirrors of its batch's attempts and last error, so a mail's own row says what became of it.
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    transport: text('transport'),
    providerMessageId: text('provider_message_id'),
    // What the provider reported later through its webhook: delivered, bounced, complained, delayed.
    deliveryStatus: text('delivery_status'),
    deliveryUpdatedAt: timestamp('delivery_updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_unbatched_idx').on(t.id).where(sql`${t.status} = 'pending' and ${t.batchId} is null`),
    index('outbox_batch_idx').on(t.batchId),
    index('outbox_provider_id_idx').on(t.providerMessageId),
    index('outbox_campaign_idx').on(t.campaignId),
    index('outbox_address_idx').on(t.addressHash),
  ],
);

/**
 * Addresses that bounced or complained: never mailed again. Only a keyed hash of the address
 * is kept, so the list cannot be read back as addresses.
 */
export const mailSuppressions = pgTable('mail_suppressions', {
  addressHash: text('address_hash').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
