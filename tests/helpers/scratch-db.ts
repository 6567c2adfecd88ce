import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '@/db/client';

export type Scratch = { handle: Awaited<ReturnType<typeof openDatabase>>; dispose: () => Promise<void> };

/**
 * A freshly migrated database from the committed migration files: PGlite (in memory, or in
 * `pgliteDir`) by default, or a throwaway database on the server when `serverUrl` is given.
 */
export async function openScratchDatabase(options: { serverUrl?: string; pgliteDir?: string } = {}): Promise<Scratch> {
  if (!options.serverUrl) {
    const handle = await openDatabase({ pgliteDir: options.pgliteDir ?? 'memory://' });
    await migrateDatabase(handle);
    return { handle, dispose: () => handle.close() };
  }
  const name = `undersigned_scratch_${randomBytes(6).toString('hex')}`;
  const admin = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await migrateDatabase(handle);
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
