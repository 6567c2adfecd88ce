import { abortDatabaseConnections, probeDatabase } from '@/db/client';
import { describeError } from '@/lib/log';
import { noteDatabaseDown, noteDatabaseUp, status } from './database-status';

const PROBE_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;

/**
 * Probes the database every second, and at once when a request meets a connection error: a
 * stopped server is noticed within about a second, and recovery as soon as it answers again.
 */
export function watchDatabase(): void {
  const current = status();
  if (current.timer) return;
  current.onDown = () => void abortDatabaseConnections().catch(() => {});
  const probe = async () => {
    if (current.probing) return;
    current.probing = true;
    try {
      await probeDatabase(PROBE_TIMEOUT_MS);
      noteDatabaseUp();
    } catch (error) {
      noteDatabaseDown(describeError(error));
    } finally {
      current.probing = false;
    }
  };
  current.probeNow = () => void probe();
  current.timer = setInterval(probe, PROBE_EVERY_MS);
  current.timer.unref();
}
