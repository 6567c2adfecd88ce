import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '@/db/client';

type Handle = Awaited<ReturnType<typeof openDatabase>>;
/** `reopen` closes the database and opens it again from disk or the server, as a restart does. */
export type Scratch = { handle: Handle; dispose: () => Promise<void>; reopen: () => Promise<Handle>; url?: string };

/**
 * A freshly migrated database from the committed migration files: PGlite (in memory, or in
 * `pgliteDir`) by default, or a throwaway database on the server when `serverUrl` is given.
 */
export async function openScratchDatabase(options: { serverUrl?: string; pgliteDir?: string } = {}): Promise<Scratch> {
  if (!options.serverUrl) {
    const pgliteDir = options.pgliteDir ?? 'memory://';
    const scratch: Scratch = {
      handle: await openDatabase({ pgliteDir }),
      dispose: () => scratch.handle.close(),
      reopen: async () => {
        if (pgliteDir === 'memory://') throw new Error('an in-memory database cannot be reopened');
        await scratch.handle.close();
        scratch.handle = await openDatabase({ pgliteDir });
        return scratch.handle;
      },
    };
    await migrateDatabase(scratch.handle);
    return scratch;
  }
  const name = `undersigned_scratch_${randomBytes(6).toString('hex')}`;
  const admin = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  const scratch: Scratch = {
    url: url.toString(),
    handle: await openDatabase({ databaseUrl: url.toString() }),
    dispose: async () => {
      await scratch.handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
    reopen: async () => {
      await scratch.handle.close();
      scratch.handle = await openDatabase({ databaseUrl: url.toString() });
      return scratch.handle;
    },
  };
  await migrateDatabase(scratch.handle);
  return scratch;
}
