import { count, eq } from 'drizzle-orm';
import { getDb, getDbKind } from '@/db/client';
import { outbox } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { describeError, log } from '@/lib/log';
import { isDatabaseDown, noteDatabaseError } from './database-status';

/** Liveness for load balancers and tests: the database answers, and how much mail waits. */
export async function checkHealth(): Promise<{ ok: boolean; database: string; mail: string; pendingMail?: number }> {
  const mail = getEnv().resendApiKey ? 'resend' : 'dev-mailbox';
  if (isDatabaseDown()) return { ok: false, database: 'unreachable', mail };
  try {
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
    return {
      ok: true,
      database: await getDbKind(),
      mail,
      pendingMail: Number(row?.n ?? 0),
    };
  } catch (error) {
    noteDatabaseError(error);
    log('error', 'health check failed', { error: describeError(error) });
    return { ok: false, database: 'unreachable', mail };
  }
}
