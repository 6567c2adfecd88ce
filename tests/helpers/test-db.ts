import { afterAll, beforeAll } from 'vitest';
import { setDatabase } from '@/db/client';
import { openScratchDatabase, type Scratch } from './scratch-db';

/** Gives a test file its own database: PGlite, or PostgreSQL when DATABASE_URL is set. */
export function withTestDatabase(): void {
  let scratch: Scratch | undefined;
  beforeAll(async () => {
    scratch = await openScratchDatabase({ serverUrl: process.env.DATABASE_URL });
    setDatabase(scratch.handle);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await scratch?.dispose();
  });
}
