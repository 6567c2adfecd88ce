import { sql } from 'drizzle-orm';
import { resultRows, type Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { AuditActor } from './audit-actor';
import { AUDIT_LOCK } from './audit-lock';
import { GENESIS_HASH, hashAuditEntry, toAuditDetails } from './hash-audit-entry';

export const AUDIT_ACTIONS = [
  'sign-in',
  'campaign.create',
  'campaign.publish',
  'campaign.close',
  'campaign.reopen',
  'campaign.edit',
  'campaign.delete',
  'signature.review',
  'signature.moderate',
  'signature.invalidate',
  'signature.email-reveal',
  'import',
  'export',
  'delivery',
  'delivery.response',
  'organiser.invite',
  'role.change',
  'retention.change',
  'retention.apply',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntryInput = {
  actor: AuditActor;
  action: AuditAction;
  campaignId?: string | null;
  workspaceId?: string | null;
  /** Ids, counts, hashes, filters: never a signer's email or name (a signature is named by its id). */
  details?: Record<string, unknown>;
};

export type AppendedAuditEntry = { id: number; at: Date; hash: string };

/**
 * Appends an entry to the audit log inside the caller's transaction, so it commits or rolls back
 * with the action it records. The advisory lock makes appends one at a time until commit, so
 * each entry's prev_hash is the hash of the entry committed before it: the chain cannot fork.
 * Call it last in the transaction (the lock is global) and in READ COMMITTED, where the head
 * read after the lock sees the previous append.
 */
export async function appendAuditEntry(tx: Tx, entry: AuditEntryInput): Promise<AppendedAuditEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK}, 0)`);
  // The database's clock, to the millisecond that timestamptz(3) and a JS Date both hold exactly.
  const [next] = resultRows<{ id: string; at: string; prev_hash: string | null }>(
    await tx.execute(sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::text as id,
      to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
      (select hash from audit_log order by id desc limit 1) as prev_hash`),
  );
  const row = {
    id: Number(next.id),
    at: new Date(next.at),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    campaignId: entry.campaignId ?? null,
    workspaceId: entry.workspaceId ?? null,
    action: entry.action,
    details: toAuditDetails(entry.details ?? {}),
    prevHash: next.prev_hash ?? GENESIS_HASH,
  };
  const hash = hashAuditEntry(row);
  await tx.insert(auditLog).values({ ...row, hash });
  return { id: row.id, at: row.at, hash };
}
