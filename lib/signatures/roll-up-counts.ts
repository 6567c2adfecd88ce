import { sql } from 'drizzle-orm';
import { getDb, resultRows } from '@/db/client';
import { campaignCounts, campaigns, signatureCountDeltas, signatures } from '@/db/schema';
import { log } from '@/lib/log';
import { isCounted } from './counted';

const ROLL_UP_BATCH = 20_000;

/**
 * Moves appended count changes into `campaign_counts`, each exactly once: the deltas are
 * deleted and added in one statement, and SKIP LOCKED lets several processes roll up at once
 * without taking the same delta. Returns how many deltas were applied.
 */
export async function rollUpCounts(): Promise<number> {
  const db = await getDb();
  const result = await db.execute(sql`
    with moved as (
      delete from ${signatureCountDeltas}
      where id in (select id from ${signatureCountDeltas} order by id limit ${ROLL_UP_BATCH} for update skip locked)
      returning campaign_id, country, delta
    ), summed as (
      select m.campaign_id, m.country, sum(m.delta)::int as delta, count(*)::int as n
      from moved m join ${campaigns} c on c.id = m.campaign_id
      group by m.campaign_id, m.country
    ), applied as (
      insert into ${campaignCounts} (campaign_id, country, count)
      select campaign_id, country, delta from summed
      on conflict (campaign_id, country) do update set count = ${campaignCounts.count} + excluded.count
      returning 1
    )
    select coalesce((select sum(n) from summed), 0)::int as applied, (select count(*) from applied) as upserted`);
  return Number(resultRows<{ applied: number }>(result)[0]?.applied ?? 0);
}

export type Drift = { campaignId: string; country: string; stored: number; actual: number };

/**
 * The periodic full recount: compares the stored counts (plus deltas not yet rolled up) with
 * the signatures themselves, in one snapshot, and appends a correcting delta for any drift.
 * Drift should never happen; each one is logged so it is seen.
 */
export async function recountSignatures(): Promise<Drift[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    with actual as (
      select campaign_id, country, count(*)::int as n from ${signatures} where ${isCounted} group by 1, 2
    ), stored as (
      select campaign_id, country, sum(n)::int as n from (
        select campaign_id, country, count as n from ${campaignCounts}
        union all
        select campaign_id, country, delta as n from ${signatureCountDeltas}
      ) s group by 1, 2
    ), drift as (
      select coalesce(a.campaign_id, s.campaign_id) as campaign_id, coalesce(a.country, s.country) as country,
             coalesce(s.n, 0) as stored, coalesce(a.n, 0) as actual
      from actual a full join stored s on s.campaign_id = a.campaign_id and s.country = a.country
      where coalesce(s.n, 0) <> coalesce(a.n, 0)
    ), corrected as (
      insert into ${signatureCountDeltas} (campaign_id, country, delta)
      select campaign_id, country, actual - stored from drift
      returning 1
    )
    select campaign_id, country, stored, actual from drift`);
  const drift = resultRows<{ campaign_id: string; country: string; stored: number; actual: number }>(result).map((row) => ({
    campaignId: row.campaign_id,
    country: row.country,
    stored: Number(row.stored),
    actual: Number(row.actual),
  }));
  for (const d of drift) log('warn', 'signature count drift corrected', { ...d });
  return drift;
}

