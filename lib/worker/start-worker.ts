import { lt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { sessions, verificationTokens } from '@/db/schema';
import { describeError, log } from '@/lib/log';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { purgeOutbox } from '@/lib/mail/purge-outbox';
import { applyRetention } from '@/lib/privacy/apply-retention';
import { processSignerDataRequests } from '@/lib/privacy/process-signer-data-requests';
import { purgeUnconfirmedSignatures } from '@/lib/privacy/purge-unconfirmed-signatures';
import { purgeRateLimits } from '@/lib/rate-limit/hit-limits';
import { recountSignatures, rollUpCounts } from '@/lib/signatures/roll-up-counts';
import { processWithdrawalRequests } from '@/lib/signatures/withdraw-signature';
import { setWorkerWake } from './wake-worker';

const IDLE_POLL_MS = 500;
const ERROR_PAUSE_MS = 2_000;
/** Counts on public pages are at most this much behind the confirmations. */
export const ROLL_UP_EVERY_MS = 1_000;
const RECOUNT_EVERY_MS = 10 * 60_000;
const PURGE_EVERY_MS = 60 * 60_000;
const RETENTION_EVERY_MS = 60 * 60_000;

type Periodic = { name: string; everyMs: number; last: number; run: () => Promise<unknown> };
type WorkerState = { running: boolean; timer?: NodeJS.Timeout; busy: boolean; periodic: Periodic[] };
const globalForWorker = globalThis as unknown as { __undersignedWorker?: WorkerState };

async function purgeExpired(): Promise<void> {
  const [mail, limits, unconfirmed] = await Promise.all([purgeOutbox(), purgeRateLimits(), purgeUnconfirmedSignatures()]);
  const db = await getDb();
  // Unused sign-in tokens are useless once expired; keeping them only grows the table.
  const tokens = await db.delete(verificationTokens).where(lt(verificationTokens.expires, new Date())).returning({ t: verificationTokens.token });
  // Auth.js deletes an expired session only when its cookie comes back; most never do.
  const ended = await db.delete(sessions).where(lt(sessions.expires, new Date())).returning({ t: sessions.userId });
  if (mail + limits + unconfirmed + tokens.length + ended.length) {
    log('info', 'expired rows deleted', { mail, limits, unconfirmed, signInTokens: tokens.length, sessions: ended.length });
  }
}

/**
 * The background work of the app, in the web process (MAIL_WORKER=in-process) or alone
 * (`npm run worker`): withdrawal requests, the outbox, count roll-ups, the periodic recount,
 * clean-ups and the retention policy. Every step is safe to run in several processes at once (SKIP LOCKED throughout).
 */
export function startWorker(): () => void {
  if (globalForWorker.__undersignedWorker?.running) return stopWorker;
  const state: WorkerState = {
    running: true,
    busy: false,
    periodic: [
      { name: 'count roll-up', everyMs: ROLL_UP_EVERY_MS, last: 0, run: rollUpCounts },
      // Also at start: counts written by other means (an import, a restore) are right from the first minute.
      { name: 'recount', everyMs: RECOUNT_EVERY_MS, last: 0, run: recountSignatures },
      { name: 'purge', everyMs: PURGE_EVERY_MS, last: 0, run: purgeExpired },
      // Also at start: a letter that came due while the app was down is erased at once.
      { name: 'retention', everyMs: RETENTION_EVERY_MS, last: 0, run: applyRetention },
    ],
  };
  globalForWorker.__undersignedWorker = state;

  const tick = async () => {
    if (!state.running || state.busy) return;
    state.busy = true;
    clearTimeout(state.timer);
    let delay = IDLE_POLL_MS;
    try {
      for (const task of state.periodic) {
        if (Date.now() - task.last < task.everyMs) continue;
        task.last = Date.now();
        await task.run();
      }
      const withdrawals = (await processWithdrawalRequests()) + (await processSignerDataRequests());
      const result = await drainOutbox();
      if (result.waitMs !== undefined) delay = Math.max(result.waitMs, 250);
      else if (withdrawals + result.sent + result.failed + (result.suppressed ?? 0) > 0) delay = 0;
      delay = Math.min(delay, ROLL_UP_EVERY_MS);
    } catch (error) {
      log('error', 'background work failed; trying again shortly', { error: describeError(error) });
      delay = ERROR_PAUSE_MS;
    } finally {
      state.busy = false;
    }
    if (state.running) state.timer = setTimeout(tick, delay);
  };
  setWorkerWake(() => {
    if (!state.busy && state.running) {
      clearTimeout(state.timer);
      state.timer = setTimeout(tick, 0);
    }
  });
  state.timer = setTimeout(tick, 0);
  return stopWorker;
}

export function stopWorker(): void {
  const state = globalForWorker.__undersignedWorker;
  if (!state) return;
  state.running = false;
  clearTimeout(state.timer);
  setWorkerWake(undefined);
}
