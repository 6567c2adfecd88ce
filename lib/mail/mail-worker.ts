import { log, describeError } from '@/lib/log';
import { drainOutbox } from './drain-outbox';
import { purgeOutbox } from './purge-outbox';

const IDLE_POLL_MS = 500;
const PURGE_EVERY_MS = 60 * 60 * 1000;

type WorkerState = { running: boolean; timer?: NodeJS.Timeout; busy: boolean; wake?: () => void; lastPurge: number };
const globalForWorker = globalThis as unknown as { __undersignedMailWorker?: WorkerState };

/** Drains the outbox until stopped: at once while there is mail, then every second. */
export function startMailWorker(): () => void {
  if (globalForWorker.__undersignedMailWorker?.running) return stopMailWorker;
  const state: WorkerState = { running: true, busy: false, lastPurge: 0 };
  globalForWorker.__undersignedMailWorker = state;

  const tick = async () => {
    if (!state.running || state.busy) return;
    state.busy = true;
    clearTimeout(state.timer);
    let delay = IDLE_POLL_MS;
    try {
      if (Date.now() - state.lastPurge > PURGE_EVERY_MS) {
        state.lastPurge = Date.now();
        const purged = await purgeOutbox();
        if (purged) log('info', 'old mail deleted from the outbox', { count: purged });
      }
      const result = await drainOutbox();
      if (result.waitMs !== undefined) delay = Math.max(result.waitMs, 250);
      else if (result.sent + result.failed + result.deferred > 0) delay = 0;
    } catch (error) {
      log('error', 'mail worker could not drain the outbox', { error: describeError(error) });
      delay = 5_000;
    } finally {
      state.busy = false;
    }
    if (state.running) state.timer = setTimeout(tick, delay);
  };
  state.wake = () => {
    if (!state.busy) {
      clearTimeout(state.timer);
      state.timer = setTimeout(tick, 0);
    }
  };
  state.timer = setTimeout(tick, 0);
  return stopMailWorker;
}

export function stopMailWorker(): void {
  const state = globalForWorker.__undersignedMailWorker;
  if (!state) return;
  state.running = false;
  clearTimeout(state.timer);
}

/** Asks a running worker to look at the outbox now instead of at its next poll. */
export function wakeMailWorker(): void {
  globalForWorker.__undersignedMailWorker?.wake?.();
}
