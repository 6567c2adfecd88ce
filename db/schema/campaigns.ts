import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { grantedRole, workspaces } from './workspaces';

export const campaignStatus = pgEnum('campaign_status', ['draft', 'published', 'closed']);
export const campaignKind = pgEnum('campaign_kind', ['letter', 'call', 'hrc-statement']);

export const SIGNER_KINDS = ['individual', 'notable', 'organisation', 'group'] as const;
export type SignerKind = (typeof SIGNER_KINDS)[number];

export const ECOSOC_STATUSES = ['general', 'special', 'roster', 'none'] as const;
export type EcosocStatus = (typeof ECOSOC_STATUSES)[number];

/** Whom a letter is addressed to: an office, a person, with where to reach them. */
export type Addressee = { name: string; role?: string | null; postalAddress?: string | null; email?: string | null };

/** What the HRC secretariat's form asks of a joint written statement. */
export type HrcStatementDetails = {
  session: number;
  agendaItem: number;
  sessionStartsOn: string;
  submitter: { name: string; ecosocStatus: EcosocStatus };
  contact: { name: string; email: string; phone?: string | null };
};

/** A translated version of the public text, keyed by locale in campaigns.translations. */
export type CampaignTranslation = {
  title: string;
  summary?: string | null;
  letter: string;
  demands?: string[];
};

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary'),
    letter: text('letter').notNull(),
    addressees: jsonb('addressees').$type<Addressee[]>().notNull().default(sql`'[]'::jsonb`),
    demands: jsonb('demands').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    organisedBy: text('organised_by'),
    /** Where the letter is signed from, printed with the date above it (e.g. "Geneva"). */
    place: text('place'),
    goal: integer('goal'),
    deadline: date('deadline', { mode: 'string' }),
    language: text('language').notNull().default('en'),
    translations: jsonb('translations').$type<Record<string, CampaignTranslation>>().notNull().default(sql`'{}'::jsonb`),
    status: campaignStatus('status').notNull().default('draft'),
    kind: campaignKind('kind').notNull().default('letter'),
    signerKinds: jsonb('signer_kinds').$type<SignerKind[]>().notNull().default(sql`'["individual"]'::jsonb`),
    hrc: jsonb('hrc').$type<HrcStatementDetails>(),
    /** The version people sign now; earlier ones stay in campaign_versions. */
    versionNumber: integer('version_number').notNull().default(1),
    /** Its hash (campaign_versions.sha256), kept here so every read of the letter has it. */
    versionSha256: text('version_sha256').notNull().default(''),
    /** The workspace (organisation) that runs it; its members reach it by their role there. */
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'restrict' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * Signers' personal data is erased this many months after the letter closes or its last
     * delivery, whichever is later (lib/privacy/retention-due-date.ts). Counts, manifests and the
     * timeline stay.
     */
    retentionMonths: integer('retention_months').notNull().default(6),
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
  },
  (t) => [index('campaigns_status_idx').on(t.status), index('campaigns_workspace_idx').on(t.workspaceId)],
);

/**
 * A coalition campaign shared with a partner workspace: that workspace's members reach it with
 * at most `role` (their own role there caps it too). Only the campaign's owners share it.
 */
export const campaignShares = pgTable(
  'campaign_shares',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    role: grantedRole('role').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.workspaceId] }), index('campaign_shares_workspace_idx').on(t.workspaceId)],
);

/**
 * The signed content of a campaign as it stood at each version: once anyone has signed,
 * a change to it makes a new version and the old one stays readable. `sha256` is over the
 * canonical form (lib/campaigns/hash-version.ts).
 */
export const campaignVersions = pgTable(
  'campaign_versions',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    letter: text('letter').notNull(),
    demands: jsonb('demands').$type<string[]>().notNull(),
    addressees: jsonb('addressees').$type<Addressee[]>().notNull(),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.number] })],
);
