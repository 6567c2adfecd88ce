import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { migrateDatabase, openDatabase, setDatabase } from '@/db/client';

/**
 * Gives a test file its own freshly migrated database, from the committed migration files:
 * in-memory PGlite by default, or a throwaway database on the server when DATABASE_URL is set.
 */
export function withTestDatabase(): void {
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const handle = await openDatabase({ pgliteDir: 'memory://' });
      await migrateDatabase(handle);
      setDatabase(handle);
      cleanup = () => handle.close();
      return;
    }
    const name = `undersigned_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(handle);
    setDatabase(handle);
    cleanup = async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  });

  afterAll(async () => {
    setDatabase(undefined);
    await cleanup?.();
  });
}

export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
