import { isDatabaseUnavailable } from '@/lib/db-errors';
import { describeError, log } from '@/lib/log';

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

type Status = { down: boolean; since: number; timer?: NodeJS.Timeout; probing: boolean };
// Kept free of database imports: proxy.ts reads it on every request.
// On globalThis: proxy.ts, route handlers and pages of one process all read the same status.
const globalForStatus = globalThis as unknown as { __undersignedDbStatus?: Status };

export function status(): Status {
  globalForStatus.__undersignedDbStatus ??= { down: false, since: 0, probing: false };
  return globalForStatus.__undersignedDbStatus;
}

/** Whether the database is known to be unreachable right now (then requests get a 503 at once). */
export function isDatabaseDown(): boolean {
  return status().down;
}

/** Records an error; if it says the database is unreachable, requests get 503s until a probe succeeds. */
export function noteDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  const current = status();
  if (!current.down) {
    current.down = true;
    current.since = Date.now();
    log('error', 'database unreachable: answering 503 until it is back', { error: describeError(error) });
  }
  return true;
}

/** A probe answered: the database is reachable again. */
export function noteDatabaseUp(): void {
  const current = status();
  if (current.down) log('info', 'database reachable again', { downForMs: Date.now() - current.since });
  current.down = false;
}
