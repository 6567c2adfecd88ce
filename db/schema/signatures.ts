import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { bytea } from './bytea';
import { campaigns, ECOSOC_STATUSES, SIGNER_KINDS } from './campaigns';

export const signatureStatus = pgEnum('signature_status', ['pending', 'confirmed']);
// public: named everywhere; confidential: named only in what is delivered to the addressees;
// counted: never named, a numbered "name withheld" line.
export const signatureVisibility = pgEnum('signature_visibility', ['public', 'counted', 'confidential']);
export const signerKind = pgEnum('signer_kind', SIGNER_KINDS);
export const ecosocStatus = pgEnum('ecosoc_status', ECOSOC_STATUSES);
export const reviewState = pgEnum('review_state', ['not-needed', 'pending', 'approved', 'rejected']);
export const signatureSource = pgEnum('signature_source', ['online', 'paper']);

/** The fields an organiser may correct in review; the signer's own spelling is kept beside them. */
export type ReviewedFields = {
  honorific?: string | null;
  givenName?: string;
  familyName?: string;
  title?: string | null;
  affiliation?: string | null;
  organisationName?: string | null;
};
export const tokenPurpose = pgEnum('token_purpose', ['confirm', 'withdraw']);

export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /**
     * Who the signer is, sealed as one unit (see lib/signatures/signer-data.ts): AES-256-GCM under
     * the campaign's data key, so a dump or backup shows no name, address, affiliation, contact
     * or group note, and destroying the key erases them all. Null only on rows written before
     * encryption, until the start-up step seals them (lib/signatures/seal-legacy-signers.ts).
     */
    pii: bytea('pii'),
    /** Keyed hash of the canonical address (per campaign): one signature per person without the address. */
    emailIndex: text('email_index'),
    /** Keyed hash of the address's domain, so organisers can still invalidate a wave from one domain. */
    emailDomainIndex: text('email_domain_index'),
    // Plaintext columns from before encryption: no longer written, emptied by the start-up step.
    givenName: text('given_name'),
    familyName: text('family_name'),
    email: text('email'),
    emailCanonical: text('email_canonical'),
    title: text('title'),
    honorific: text('honorific'),
    affiliation: text('affiliation'),
    organisationName: text('organisation_name'),
    organisationWebsite: text('organisation_website'),
    groupLabel: text('group_label'),
    groupRelationship: text('group_relationship'),
    originalFields: jsonb('original_fields').$type<ReviewedFields>(),
    // What stays in clear is what counts and sorts signatures without naming anyone: country,
    // kind, visibility, ECOSOC status, members, review state, dates, consent version and language,
    // status, source and the held/hidden/invalidated markers (docs/security.md gives the reasons).
    country: text('country').notNull(),
    visibility: signatureVisibility('visibility').notNull(),
    kind: signerKind('kind').notNull().default('individual'),
    organisationCountry: text('organisation_country'),
    ecosocStatus: ecosocStatus('ecosoc_status'),
    /** People behind a group signature; 1 for everyone else. A group still counts as one signature. */
    members: integer('members').notNull().default(1),
    /** Notable and organisation signers are named only once an organiser has checked them. */
    review: reviewState('review').notNull().default('not-needed'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewReason: text('review_reason'),
    source: signatureSource('source').notNull().default('online'),
    importId: uuid('import_id').references(() => signatureImports.id, { onDelete: 'restrict' }),
    /** The campaign version the signer was shown when signing. */
    versionNumber: integer('version_number').notNull().default(1),
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
    /**
     * SHA-256 of the signer's receipt, set on confirmation; until then (and for paper signatures,
     * which get no receipt) the hash of a random secret nobody holds. Commitments in delivery
     * packets are derived from it.
     */
    receiptHash: text('receipt_hash')
      .notNull()
      .default(sql`encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')`),
  },
  (t) => [
    // One signature per person per campaign, whatever case, spaces or +tag they typed.
    uniqueIndex('signatures_campaign_email_index_uq').on(t.campaignId, t.emailIndex),
    // Rows still holding plaintext (from before encryption): empty once sealed, so start-up finds none at once.
    index('signatures_plaintext_idx').on(t.id).where(sql`${t.givenName} is not null`),
    index('signatures_campaign_confirmed_idx')
      .on(t.campaignId, t.confirmedAt, t.id)
      .where(sql`${t.status} = 'confirmed'`),
    index('signatures_campaign_created_idx').on(t.campaignId, t.createdAt),
    index('signatures_campaign_country_idx')
      .on(t.campaignId, t.country, t.confirmedAt, t.id)
      .where(sql`${t.status} = 'confirmed'`),
    uniqueIndex('signatures_receipt_hash_uq').on(t.receiptHash),
    index('signatures_review_idx').on(t.campaignId, t.review).where(sql`${t.review} = 'pending'`),
  ],
);

/** A batch of paper or offline signatures, with where it came from; imported whole or not at all. */
export const signatureImports = pgTable(
  'signature_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    collectedBy: text('collected_by').notNull(),
    collectedOn: date('collected_on', { mode: 'string' }).notNull(),
    /** The name of the uploaded file, when there was one: part of the provenance. */
    fileName: text('file_name'),
    fileSha256: text('file_sha256').notNull(),
    rows: integer('rows').notNull(),
    importedBy: text('imported_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The same file twice (a double submit, two organisers at once) must not count its signatures twice.
  (t) => [uniqueIndex('signature_imports_campaign_file_uq').on(t.campaignId, t.fileSha256)],
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
  kind: signerKind('kind').notNull().default('individual'),
  source: signatureSource('source').notNull().default('online'),
  delta: integer('delta').notNull(),
  /** The change in people (members of groups; 1 for everyone else). */
  people: integer('people').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Counted signatures (see lib/signatures/counted.ts) per campaign, country, signer kind and source. */
export const campaignCounts = pgTable(
  'campaign_counts',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    country: text('country').notNull(),
    kind: signerKind('kind').notNull().default('individual'),
    source: signatureSource('source').notNull().default('online'),
    count: integer('count').notNull().default(0),
    people: integer('people').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.country, t.kind, t.source] })],
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
  /** The address asked about, sealed (purpose withdrawal-request, the campaign's key) until the sender looks it up. */
  sealedEmail: bytea('sealed_email'),
  /** Plaintext, from before encryption: no longer written; the start-up step seals waiting requests. */
  email: text('email'),
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
