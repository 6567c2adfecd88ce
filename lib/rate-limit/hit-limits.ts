import { sql } from 'drizzle-orm';
import { getDb, resultRows } from '@/db/client';
import { rateLimitHits } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { LIMITS, type LimitName } from './limits';

export type LimitHit = { name: LimitName; subject: string };
export type LimitOutcome = { exceeded: LimitName[]; retryAfterSeconds: number };

/**
 * Counts one hit against each named limit and says which are now exceeded, in one statement:
 * fixed windows in `rate_limit_hits`, shared by every app process. The table is UNLOGGED (a
 * counter lost in a crash costs nothing), so these writes never wait for a disk flush.
 */
export async function hitLimits(hits: LimitHit[]): Promise<LimitOutcome> {
  if (!getEnv().rateLimits || hits.length === 0) return { exceeded: [], retryAfterSeconds: 0 };
  const db = await getDb();
  const values = sql.join(
    hits.map(({ name, subject }) => {
      const { windowSeconds } = LIMITS[name];
      const start = sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
      return sql`(${`${name}:${subject}`}, ${start}, 1, ${start} + make_interval(secs => ${windowSeconds}))`;
    }),
    sql`, `,
  );
  const result = await db.execute(sql`
    insert into ${rateLimitHits} (key, window_start, hits, expires_at) values ${values}
    on conflict (key, window_start) do update set hits = ${rateLimitHits.hits} + 1
    returning key, hits, ceil(extract(epoch from expires_at - now()))::int as retry`);
  const rows = resultRows<{ key: string; hits: number; retry: number }>(result);
  const exceeded: LimitName[] = [];
  let retryAfterSeconds = 0;
  for (const row of rows) {
    const name = row.key.slice(0, row.key.indexOf(':')) as LimitName;
    if (Number(row.hits) > LIMITS[name].max) {
      exceeded.push(name);
      retryAfterSeconds = Math.max(retryAfterSeconds, Number(row.retry), 1);
    }
  }
  return { exceeded, retryAfterSeconds };
}

/** Deletes finished windows; the worker calls it now and then. */
export async function purgeRateLimits(): Promise<number> {
  const db = await getDb();
  const deleted = await db.delete(rateLimitHits).where(sql`${rateLimitHits.expiresAt} < now()`).returning({ key: rateLimitHits.key });
  return deleted.length;
}
