import { isDatabaseUnavailable } from '@/lib/db-errors';
import { log } from '@/lib/log';

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

type Status = {
  down: boolean;
  since: number;
  timer?: NodeJS.Timeout;
  probing: boolean;
  /** Set by watchDatabase(): probes now, on a connection of its own. */
  probeNow?: () => void;
  /** Set by watchDatabase(): drops the pool's connections when the database goes down. */
  onDown?: () => void;
};
// Kept free of database imports: proxy.ts reads it on every request. On globalThis, so that
// proxy.ts, route handlers and pages of one process all read the same status.
const globalForStatus = globalThis as unknown as { __undersignedDbStatus?: Status };

export function status(): Status {
  globalForStatus.__undersignedDbStatus ??= { down: false, since: 0, probing: false };
  return globalForStatus.__undersignedDbStatus;
}

/** Whether the database is known to be unreachable right now (then requests get a 503 at once). */
export function isDatabaseDown(): boolean {
  return status().down;
}

/**
 * Looks at an error: if it is the kind an unreachable database gives, the caller answers 503 and
 * a probe decides at once whether the database is down for everyone. One slow connection under
 * load is not an outage, so the error alone never switches the app to 503s.
 */
export function noteDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  status().probeNow?.();
  return true;
}

/** A probe failed: requests get 503s until one succeeds. */
export function noteDatabaseDown(reason: string): void {
  const current = status();
  if (current.down) return;
  current.down = true;
  current.since = Date.now();
  log('error', 'database unreachable: answering 503 until it is back', { error: reason });
  current.onDown?.();
}

/** A probe answered: the database is reachable again. */
export function noteDatabaseUp(): void {
  const current = status();
  if (current.down) log('info', 'database reachable again', { downForMs: Date.now() - current.since });
  current.down = false;
}
