import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';

export const signatureStatus = pgEnum('signature_status', ['pending', 'confirmed']);
export const signatureVisibility = pgEnum('signature_visibility', ['public', 'counted']);
export const tokenPurpose = pgEnum('token_purpose', ['confirm', 'withdraw']);

export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email').notNull(),
    emailCanonical: text('email_canonical').notNull(),
    country: text('country').notNull(),
    title: text('title'),
    visibility: signatureVisibility('visibility').notNull(),
    wantsUpdates: boolean('wants_updates').notNull().default(false),
    consentVersion: text('consent_version').notNull(),
    consentLocale: text('consent_locale').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    status: signatureStatus('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    // Repeat submissions mail the address owner; this throttles that so a form cannot flood an inbox.
    lastMailedAt: timestamp('last_mailed_at', { withTimezone: true }),
    // Keyed hash of the client address it came from: lets organisers find a flood without keeping IPs.
    clientHash: text('client_hash'),
    // Over an abuse limit: accepted and mailed as usual, but not counted, listed or exported
    // (shadow-banned) until an organiser includes it.
    heldReason: text('held_reason'),
    // An organiser hid an abusive public name: still counted, never shown in public.
    nameHiddenAt: timestamp('name_hidden_at', { withTimezone: true }),
    // Removed by an organiser (e.g. a bulk invalidation of a fraud wave): neither counted nor shown.
    invalidatedAt: timestamp('invalidated_at', { withTimezone: true }),
    invalidatedReason: text('invalidated_reason'),
  },
  (t) => [
    // One signature per person per campaign, whatever case, spaces or +tag they typed.
    uniqueIndex('signatures_campaign_email_uq').on(t.campaignId, t.emailCanonical),
    index('signatures_campaign_confirmed_idx')
      .on(t.campaignId, t.confirmedAt, t.id)
      .where(sql`${t.status} = 'confirmed'`),
    index('signatures_campaign_created_idx').on(t.campaignId, t.createdAt),
  ],
);

/**
 * Count changes, appended in the same transaction as the change they count (a confirmation,
 * a withdrawal, an invalidation). Appending never contends on a shared row; a roll-up moves
 * them into `campaign_counts` in batches, exactly once.
 */
export const signatureCountDeltas = pgTable('signature_count_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  campaignId: uuid('campaign_id').notNull(),
  country: text('country').notNull(),
  delta: integer('delta').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Counted signatures (confirmed, not held, not invalidated) per campaign and country. */
export const campaignCounts = pgTable(
  'campaign_counts',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    country: text('country').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.country] })],
);

/**
 * Withdrawal requests waiting for the mail sender. The request only appends a row, whether or not
 * the address signed, so its timing cannot tell anyone who signed; the lookup happens later.
 */
export const withdrawalRequests = pgTable('withdrawal_requests', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  campaignId: uuid('campaign_id')
    .notNull()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  locale: text('locale').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Mailed tokens (confirm or withdraw): only the SHA-256 of the 32 random bytes is kept. */
export const signatureTokens = pgTable(
  'signature_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    signatureId: uuid('signature_id')
      .notNull()
      .references(() => signatures.id, { onDelete: 'cascade' }),
    purpose: tokenPurpose('purpose').notNull().default('confirm'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('signature_tokens_signature_idx').on(t.signatureId)],
);

/** The exact consent wording each signer agreed to (GDPR Art. 7(1): consent must be provable). */
export const consentTexts = pgTable(
  'consent_texts',
  {
    version: text('version').notNull(),
    locale: text('locale').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.version, t.locale] })],
);
