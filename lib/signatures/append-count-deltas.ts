import type { Db, Tx } from '@/db/client';
import { signatureCountDeltas } from '@/db/schema';

/**
 * Moves the public count by appending one delta per country, inside the caller's transaction,
 * so the count changes exactly when the signature does. Appending never contends on a shared
 * row; the worker rolls the deltas up (roll-up-counts.ts).
 */
export async function appendCountDeltas(tx: Tx | Db, campaignId: string, countries: string[], delta: 1 | -1): Promise<void> {
  const byCountry = new Map<string, number>();
  for (const country of countries) byCountry.set(country, (byCountry.get(country) ?? 0) + delta);
  if (byCountry.size === 0) return;
  await tx.insert(signatureCountDeltas).values([...byCountry].map(([country, n]) => ({ campaignId, country, delta: n })));
}
