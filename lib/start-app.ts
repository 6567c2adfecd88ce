import { getDb, getDbKind } from '@/db/client';
import { seedDemo } from '@/lib/demo/seed-demo';
import { ConfigError, getEnv } from '@/lib/env';
import { watchDatabase } from '@/lib/health/watch-database';
import { registerCachedPagePolicy } from '@/lib/http/cached-page-policy';
import { describeError, log } from '@/lib/log';
import { startWorker } from '@/lib/worker/start-worker';

/** Start-up for the web process. A configuration problem stops it with a clear message. */
export async function startApp(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  registerCachedPagePolicy();
  try {
    await getDb();
  } catch (error) {
    console.error(`\nUndersigned cannot open its database (${env.databaseUrl ? 'DATABASE_URL' : `PGlite at ${env.pgliteDir}`}): ${describeError(error)}\n`);
    process.exit(1);
  }
  log('info', 'database ready', { kind: await getDbKind() });
  if (env.generatedDataEncryptionKeyFile) {
    log('warn', `DATA_ENCRYPTION_KEY is unset: signers' data is encrypted with a development key kept in ${env.generatedDataEncryptionKeyFile}; losing that file loses the data. Production refuses to start without DATA_ENCRYPTION_KEY`);
  }
  watchDatabase();
  if (env.seedDemo && (await seedDemo())) log('info', 'demo campaign created', { path: '/c/free-the-harbour-street-five' });
  if (!env.resendApiKey) {
    log('warn', `RESEND_API_KEY is unset: mail is not sent but kept in the dev mailbox at ${env.baseUrl}/dev/mailbox`);
  }
  if (env.mailWorker === 'in-process') startWorker();
  else log('info', 'background worker (mail, counts) not started in this process (MAIL_WORKER=off): run `npm run worker`');
}
