import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { campaigns } from './campaigns';

/**
 * Each campaign's data key, wrapped (AES-256-GCM) by the master key in DATA_ENCRYPTION_KEY; the
 * master key itself is never stored. Deleting the row (with its campaign) destroys the key, and
 * with it every encrypted field of the campaign's signers.
 */
export const campaignKeys = pgTable('campaign_keys', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  wrappedKey: bytea('wrapped_key').notNull(),
  /** Which master key wrapped it (a fingerprint, not the key): rotation re-wraps the others. */
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
});
