import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditDetails } from '@/lib/audit/hash-audit-entry';

export const auditActorKind = pgEnum('audit_actor_kind', ['user', 'token', 'system']);

/**
 * Who did what, appended and never changed (triggers refuse UPDATE, DELETE and TRUNCATE). Each
 * entry's hash covers its fields and the previous entry's hash, so an edited, removed or
 * reordered entry breaks the chain (lib/audit/verify-audit-chain.ts). No foreign keys: entries
 * outlive the campaigns and accounts they name. Signers appear by signature id only.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    // Given by appendAuditEntry under the audit lock (the hash covers it), so ids follow the chain.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorKind: auditActorKind('actor_kind').notNull(),
    /** A user id (or, later, a token id); null for the system. */
    actorId: text('actor_id'),
    /** What the log shows for the actor: an organiser's account email, a token's name; never a signer's. */
    actorLabel: text('actor_label'),
    campaignId: uuid('campaign_id'),
    workspaceId: uuid('workspace_id'),
    action: text('action').notNull(),
    details: jsonb('details').$type<AuditDetails>().notNull(),
    /** Unique: two entries after the same one would be a fork, which the lock prevents and this refuses. */
    prevHash: text('prev_hash').notNull().unique(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('audit_log_campaign_idx').on(t.campaignId, t.id), index('audit_log_workspace_idx').on(t.workspaceId, t.id)],
);
