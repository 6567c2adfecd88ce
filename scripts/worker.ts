/**
 * The mail sender on its own: `npm run worker`. Use it with MAIL_WORKER=off in the web
 * process when you run several web processes on PostgreSQL (PGlite allows one process only).
 */
import { closeDb, getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { startWorker, stopWorker } from '@/lib/worker/start-worker';

async function main() {
  const env = getEnv();
  await getDb();
  log('info', 'mail sender started', { transport: env.resendApiKey ? 'resend' : 'dev-mailbox' });
  startWorker();
  const stop = async () => {
    stopWorker();
    await closeDb();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
