import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { hashVersion } from '@/lib/campaigns/hash-version';
import { getEnv } from '@/lib/env';
import { sealLegacyPackets } from '@/lib/deliveries/seal-legacy-packets';
import { sealLegacyOutbox } from '@/lib/mail/seal-legacy-outbox';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or an open transaction: domain functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type Handle = {
  db: Db;
  close: () => Promise<void>;
  kind: 'pglite' | 'postgres';
  /** Drops every connection at once, failing the queries that wait for one (postgres.js only). */
  abort?: () => Promise<void>;
};

// One connection (pool) per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { __undersignedDb?: Promise<Handle> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(options: { databaseUrl?: string; pgliteDir?: string; poolSize?: number }): Promise<Handle> {
  if (options.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const env = getEnv();
    // Fail fast when the server is down or stuck: the request then gets a 503, not a hang.
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? env.dbPoolSize,
      connect_timeout: env.dbConnectTimeoutS,
      // Reconnect at least every second (postgres.js waits up to 20 s), so recovery is seen at once.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      idle_timeout: 60,
      max_lifetime: 30 * 60,
      connection: { statement_timeout: env.dbStatementTimeoutMs },
      onnotice: () => {},
    });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      close: () => client.end(),
      abort: () => client.end({ timeout: 0 }),
      kind: 'postgres',
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = options.pgliteDir;
  if (dir && dir !== 'memory://') mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir && dir !== 'memory://' ? dir : undefined);
  await client.waitReady;
  return { db: drizzle(client, { schema }) as unknown as Db, close: () => client.close(), kind: 'pglite' };
}

export async function migrateDatabase(handle: Handle): Promise<void> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  await hashMigratedVersions(handle.db);
  // Signers' data from before encryption is sealed before anything reads it.
  const { sealLegacySigners } = await import('@/lib/signatures/seal-legacy-signers');
  const sealed = await sealLegacySigners(handle.db);
  if (sealed.signatures || sealed.withdrawalRequests) {
    const { log } = await import('@/lib/log');
    log('info', 'signer data from before encryption sealed', sealed);
  }
  await sealLegacyOutbox(handle.db);
  await sealLegacyPackets(handle.db);
}

/** Versions carried over from before versioning get their hash here: SQL cannot compute the canonical form. */
async function hashMigratedVersions(db: Db): Promise<void> {
  const { campaignVersions, campaigns } = schema;
  const rows = await db.select().from(campaignVersions).where(eq(campaignVersions.sha256, ''));
  for (const row of rows) {
    const sha256 = hashVersion(row);
    await db
      .update(campaignVersions)
      .set({ sha256 })
      .where(and(eq(campaignVersions.campaignId, row.campaignId), eq(campaignVersions.number, row.number)));
    await db
      .update(campaigns)
      .set({ versionSha256: sha256 })
      .where(and(eq(campaigns.id, row.campaignId), eq(campaigns.versionNumber, row.number)));
  }
}

async function connect(migrate = true): Promise<Handle> {
  const env = getEnv();
  const handle = await openDatabase({ databaseUrl: env.databaseUrl, pgliteDir: env.pgliteDir });
  if (migrate) await migrateDatabase(handle);
  owned.add(handle);
  return handle;
}

const owned = new WeakSet<Handle>();

const globalForProbe = globalThis as unknown as { __undersignedProbe?: { end: () => Promise<void>; query: () => Promise<unknown> } };

/**
 * Asks the database `select 1` over a connection of its own, so the answer says whether the
 * server is reachable, not whether the pool is busy. Throws if it does not answer in time.
 */
export async function probeDatabase(timeoutMs: number): Promise<void> {
  const env = getEnv();
  if (!globalForProbe.__undersignedProbe) {
    if (env.databaseUrl) {
      const { default: postgres } = await import('postgres');
      const client = postgres(env.databaseUrl, { max: 1, connect_timeout: env.dbConnectTimeoutS, idle_timeout: 30, backoff: () => 0.2, onnotice: () => {} });
      globalForProbe.__undersignedProbe = { end: () => client.end({ timeout: 0 }), query: () => client`select 1` };
    } else {
      globalForProbe.__undersignedProbe = { end: async () => {}, query: async () => (await getDb()).execute(sql`select 1`) };
    }
  }
  const probe = globalForProbe.__undersignedProbe;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe.query(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('database probe timed out'), { code: 'CONNECT_TIMEOUT' })), timeoutMs);
      }),
    ]);
  } catch (error) {
    // A probe stuck on a dead connection would answer nothing next time either: start afresh.
    globalForProbe.__undersignedProbe = undefined;
    void probe.end().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * When PostgreSQL becomes unreachable, postgres.js keeps queries queued until it can connect
 * again, so requests would hang for as long as the outage. Replacing the pool fails them at
 * once (the caller answers 503) and the next query connects afresh.
 */
export async function abortDatabaseConnections(): Promise<void> {
  const pending = globalForDb.__undersignedDb;
  if (!pending) return;
  const handle = await pending.catch(() => undefined);
  if (!handle?.abort || !owned.has(handle) || globalForDb.__undersignedDb !== pending) return;
  globalForDb.__undersignedDb = connect(false).catch((error) => {
    globalForDb.__undersignedDb = undefined;
    throw error;
  });
  await handle.abort();
}

export async function getDb(): Promise<Db> {
  globalForDb.__undersignedDb ??= connect().catch((error) => {
    globalForDb.__undersignedDb = undefined;
    throw error;
  });
  return (await globalForDb.__undersignedDb).db;
}

export async function getDbKind(): Promise<'pglite' | 'postgres'> {
  await getDb();
  return (await globalForDb.__undersignedDb!).kind;
}

/** Tests point the app at their own database. */
export function setDatabase(handle: Handle | undefined): void {
  globalForDb.__undersignedDb = handle ? Promise.resolve(handle) : undefined;
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.__undersignedDb;
  globalForDb.__undersignedDb = undefined;
  if (pending) await (await pending).close();
}

/** Rows of a raw `db.execute()`: postgres.js returns them as an array, PGlite as `{ rows }`. */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export { schema };
