import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { noteDatabaseError, noteDatabaseUp, status } from './database-status';

const PROBE_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;

/**
 * Probes the database every second: a stopped server is noticed within about a second, even by
 * requests that would not touch it, and recovery is noticed as soon as it answers again.
 */
export function watchDatabase(): void {
  const current = status();
  if (current.timer) return;
  current.timer = setInterval(async () => {
    if (current.probing) return;
    current.probing = true;
    try {
      const db = await getDb();
      await Promise.race([
        db.execute(sql`select 1`),
        new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('probe timeout'), { code: 'CONNECT_TIMEOUT' })), PROBE_TIMEOUT_MS)),
      ]);
      noteDatabaseUp();
    } catch (error) {
      noteDatabaseError(error);
    } finally {
      current.probing = false;
    }
  }, PROBE_EVERY_MS);
  current.timer.unref();
}
