import { asc, gt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { GENESIS_HASH, hashAuditEntry } from './hash-audit-entry';

const PAGE = 1_000;

export type AuditChainHead = { id: number; hash: string };

export type AuditChainReport =
  | { ok: true; count: number; head: AuditChainHead | null }
  | {
      ok: false;
      /** Entries checked and found sound before the break. */
      count: number;
      /** The first entry that does not hold; null when the kept head is missing from the chain. */
      entryId: number | null;
      problem: 'edited' | 'broken-link' | 'head-missing';
      message: string;
    };

/**
 * Recomputes every entry's hash and link, oldest first. An edited entry no longer matches its
 * hash; a removed or reordered one breaks the next entry's link. A removed tail leaves a sound
 * chain: only a head kept elsewhere (`expectHead`, printed by `npm run audit:verify`) shows it.
 */
export async function verifyAuditChain(db: Db, options: { expectHead?: string } = {}): Promise<AuditChainReport> {
  let previous: AuditChainHead | null = null;
  let count = 0;
  let headSeen = false;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(previous ? gt(auditLog.id, previous.id) : undefined)
      .orderBy(asc(auditLog.id))
      .limit(PAGE);
    for (const row of rows) {
      if (hashAuditEntry(row) !== row.hash) {
        return { ok: false, count, entryId: row.id, problem: 'edited', message: `entry ${row.id} does not match its hash: it was changed after it was written` };
      }
      if (row.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
        const after = previous ? `entry ${previous.id}` : 'the start of the log';
        return {
          ok: false,
          count,
          entryId: row.id,
          problem: 'broken-link',
          message: `entry ${row.id} does not follow ${after}: an entry between them was removed, or entries were reordered`,
        };
      }
      if (options.expectHead && row.hash === options.expectHead) headSeen = true;
      previous = { id: row.id, hash: row.hash };
      count++;
    }
    if (rows.length < PAGE) break;
  }
  if (options.expectHead && !headSeen) {
    return {
      ok: false,
      count,
      entryId: null,
      problem: 'head-missing',
      message: `no entry has the hash ${options.expectHead} kept earlier: entries at the end were removed, or the log was rewritten`,
    };
  }
  return { ok: true, count, head: previous };
}
