import { randomBytes, createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { campaignKeys } from '@/db/schema';
import { masterKeys } from './master-key';
import { openBytes, sealBytes, SealError } from './seal';

/**
 * A campaign's data key, unwrapped, and the key of its email index (derived from it, so
 * destroying the data key also makes the index meaningless).
 */
export type CampaignKey = { campaignId: string; dataKey: Buffer; indexKey: Buffer };

export class MissingKeyError extends Error {
  constructor(campaignId: string, reason: 'destroyed' | 'unknown-master-key') {
    super(
      reason === 'destroyed'
        ? `The data key of campaign ${campaignId} has been destroyed`
        : `The data key of campaign ${campaignId} is wrapped by a master key this process does not have (set DATA_ENCRYPTION_KEY_PREVIOUS during a rotation)`,
    );
    this.name = 'MissingKeyError';
  }
}

// Unwrapped keys stay in this process's memory only; a campaign's key never changes once made.
const cache = new Map<string, CampaignKey>();

function derive(campaignId: string, dataKey: Buffer): CampaignKey {
  const indexKey = createHmac('sha256', dataKey).update('undersigned/email-index/v1').digest();
  return { campaignId, dataKey, indexKey };
}

export function wrapDataKey(masterKey: Buffer, campaignId: string, dataKey: Uint8Array): Buffer {
  return sealBytes(masterKey, 'campaign-key', campaignId, dataKey);
}

/** Unwraps with whichever configured master key wrapped it (the current one, or the previous one mid-rotation). */
export function unwrapDataKey(campaignId: string, wrapped: Uint8Array, masterKeyId: string): Buffer {
  const master = masterKeys().find((candidate) => candidate.id === masterKeyId);
  if (!master) throw new MissingKeyError(campaignId, 'unknown-master-key');
  try {
    return openBytes(master.key, 'campaign-key', campaignId, wrapped);
  } catch (error) {
    if (error instanceof SealError) throw new MissingKeyError(campaignId, 'unknown-master-key');
    throw error;
  }
}

/**
 * The campaign's key, made on first use (two processes racing keep the first one stored). It is
 * made on its own connection, never inside the caller's transaction: a key stored in a
 * transaction that rolls back would leave data sealed under a key nobody kept. Call it before
 * opening a transaction (on PGlite a query outside an open transaction waits for it to end).
 * `on` names the database when it is not the app's (start-up steps, seeders).
 */
export async function getCampaignKey(campaignId: string, on?: Db): Promise<CampaignKey> {
  const cached = cache.get(campaignId);
  if (cached) return cached;
  const db = on ?? (await getDb());
  let [row] = await db.select().from(campaignKeys).where(eq(campaignKeys.campaignId, campaignId));
  if (!row) {
    const [current] = masterKeys();
    const dataKey = randomBytes(32);
    await db
      .insert(campaignKeys)
      .values({ campaignId, wrappedKey: wrapDataKey(current.key, campaignId, dataKey), masterKeyId: current.id })
      .onConflictDoNothing();
    [row] = await db.select().from(campaignKeys).where(eq(campaignKeys.campaignId, campaignId));
    if (!row) throw new MissingKeyError(campaignId, 'destroyed');
  }
  const key = derive(campaignId, unwrapDataKey(campaignId, row.wrappedKey, row.masterKeyId));
  cache.set(campaignId, key);
  return key;
}

/** The key only if it exists: reading never creates one (a destroyed key stays destroyed). */
export async function findCampaignKey(db: Db | Tx, campaignId: string): Promise<CampaignKey | null> {
  const cached = cache.get(campaignId);
  if (cached) return cached;
  const [row] = await db.select().from(campaignKeys).where(eq(campaignKeys.campaignId, campaignId));
  if (!row) return null;
  const key = derive(campaignId, unwrapDataKey(campaignId, row.wrappedKey, row.masterKeyId));
  cache.set(campaignId, key);
  return key;
}

/** Crypto-shredding: the wrapped key row goes, and so does this process's copy. */
export async function destroyCampaignKey(db: Db | Tx, campaignId: string): Promise<void> {
  await db.delete(campaignKeys).where(eq(campaignKeys.campaignId, campaignId));
  cache.delete(campaignId);
}

/** For tests that reopen a database: forget every unwrapped key. */
export function forgetCampaignKeys(): void {
  cache.clear();
}
