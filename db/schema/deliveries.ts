import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SignatoryFilters } from '@/lib/signatories/filters';
import type { ManifestCounts, ManifestFile } from '@/lib/deliveries/manifest';
import { users } from './auth';
import { bytea } from './bytea';
import { campaigns, type Addressee } from './campaigns';


export const deliveryChannel = pgEnum('delivery_channel', ['email', 'post', 'portal', 'in-person']);
export const responseStatus = pgEnum('delivery_response_status', ['acknowledged', 'answered', 'declined']);

/**
 * A letter handed to one addressee, with the packet that was handed over. Immutable once made
 * (a trigger refuses updates but for erasing the packet); responses and withdrawals are kept
 * beside it, never written into it.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    addressee: jsonb('addressee').$type<Addressee>().notNull(),
    channel: deliveryChannel('channel').notNull(),
    formats: jsonb('formats').$type<string[]>().notNull(),
    filters: jsonb('filters').$type<SignatoryFilters>().notNull(),
    note: text('note'),
    /** The day the organiser says it was delivered; the timeline's date. */
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    letterVersion: integer('letter_version').notNull(),
    /** manifest.json exactly as in the packet; its SHA-256 is what the timeline publishes. */
    manifest: text('manifest').notNull(),
    manifestSha256: text('manifest_sha256').notNull().unique(),
    signatureRoot: text('signature_root').notNull(),
    signatureCount: integer('signature_count').notNull(),
    counts: jsonb('counts').$type<ManifestCounts>().notNull(),
    files: jsonb('files').$type<ManifestFile[]>().notNull(),
    /** The commitments in tree order, 32 bytes each: kept after the packet is erased, so receipts still verify. */
    commitments: bytea('commitments').notNull(),
    packetBytes: integer('packet_bytes').notNull(),
    packetSha256: text('packet_sha256').notNull(),
    /** Set when the packet (which holds names) was erased with the campaign's personal data. */
    packetErasedAt: timestamp('packet_erased_at', { withTimezone: true }),
    /** The key a client sent with the request: the same request again answers this delivery instead of a second one. */
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    index('deliveries_campaign_idx').on(t.campaignId, t.deliveredOn),
    uniqueIndex('deliveries_idempotency_uq').on(t.campaignId, t.idempotencyKey),
  ],
);

/** A stored packet, in chunks of up to 1 MiB, so neither driver ever holds one huge value. */
export const deliveryPacketChunks = pgTable(
  'delivery_packet_chunks',
  {
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** Sealed with the campaign's data key (the packet holds names), bound to its delivery and place. */
    data: bytea('data').notNull(),
    /** False only for chunks stored before packets were sealed; they are sealed when the database opens. */
    sealed: boolean('sealed').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.seq] })],
);

/**
 * Which signatures a delivery held. No foreign key to signatures: a withdrawal deletes the
 * signature, and the row stays (with `withdrawn_at`) so the timeline can say how many left since.
 */
export const deliverySignatures = pgTable(
  'delivery_signatures',
  {
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    signatureId: uuid('signature_id').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.deliveryId, t.signatureId] }),
    index('delivery_signatures_signature_idx').on(t.signatureId),
    index('delivery_signatures_withdrawn_idx').on(t.deliveryId).where(sql`${t.withdrawnAt} is not null`),
  ],
);

/** What the addressee answered, as the organiser records it. Appended, never edited. */
export const deliveryResponses = pgTable(
  'delivery_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    status: responseStatus('status').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    text: text('text'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('delivery_responses_delivery_idx').on(t.deliveryId, t.receivedOn)],
);
