import type { Db, Tx } from '@/db/client';
import { signatureCountDeltas, signatures } from '@/db/schema';

/** What a count is broken down by; read these columns with `countedColumns`. */
export type CountedRow = { country: string; kind: 'individual' | 'notable' | 'organisation' | 'group'; source: 'online' | 'paper'; members: number };

export const countedColumns = {
  country: signatures.country,
  kind: signatures.kind,
  source: signatures.source,
  members: signatures.members,
};

/**
 * Moves the public count by appending one delta per country, kind and source, inside the
 * caller's transaction, so the count changes exactly when the signature does. Appending never
 * contends on a shared row; the worker rolls the deltas up (roll-up-counts.ts).
 */
export async function appendCountDeltas(tx: Tx | Db, campaignId: string, rows: CountedRow[], delta: 1 | -1): Promise<void> {
  const byKey = new Map<string, { country: string; kind: CountedRow['kind']; source: CountedRow['source']; delta: number; people: number }>();
  for (const row of rows) {
    const key = `${row.country}\u0000${row.kind}\u0000${row.source}`;
    const entry = byKey.get(key) ?? { country: row.country, kind: row.kind, source: row.source, delta: 0, people: 0 };
    entry.delta += delta;
    entry.people += delta * row.members;
    byKey.set(key, entry);
  }
  if (byKey.size === 0) return;
  await tx.insert(signatureCountDeltas).values([...byKey.values()].map((entry) => ({ campaignId, ...entry })));
}
