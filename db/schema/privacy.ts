import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';

/**
 * Someone asked by email for the data held about them (GDPR Art. 15). Like a withdrawal request,
 * the request only appends a row; the worker looks the address up in every letter and mails the
 * answer to that address alone. The address is sealed while the row waits.
 */
export const signerDataRequests = pgTable('signer_data_requests', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sealed: bytea('sealed').notNull(),
  locale: text('locale').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
