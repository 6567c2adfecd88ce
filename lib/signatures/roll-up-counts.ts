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
      returning campaign_id, country, kind, source, delta, people
    ), summed as (
      select m.campaign_id, m.country, m.kind, m.source, sum(m.delta)::int as delta, sum(m.people)::int as people, count(*)::int as n
      from moved m join ${campaigns} c on c.id = m.campaign_id
      group by m.campaign_id, m.country, m.kind, m.source
    ), applied as (
      insert into ${campaignCounts} (campaign_id, country, kind, source, count, people)
      select campaign_id, country, kind, source, delta, people from summed
      on conflict (campaign_id, country, kind, source) do update
        set count = ${campaignCounts.count} + excluded.count, people = ${campaignCounts.people} + excluded.people
      returning 1
    )
    select coalesce((select sum(n) from summed), 0)::int as applied, (select count(*) from applied) as upserted`);
  return Number(resultRows<{ applied: number }>(result)[0]?.applied ?? 0);
}

export type Drift = { campaignId: string; country: string; kind: string; source: string; stored: number; actual: number; storedPeople: number; actualPeople: number };

/**
 * The periodic full recount: compares the stored counts (plus deltas not yet rolled up) with
 * the signatures themselves, in one snapshot, and appends a correcting delta for any drift.
 * Drift should never happen; each one is logged so it is seen.
 */
export async function recountSignatures(): Promise<Drift[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    with actual as (
      select campaign_id, country, kind, source, count(*)::int as n, sum(members)::int as p
      from ${signatures} where ${isCounted} group by 1, 2, 3, 4
    ), stored as (
      select campaign_id, country, kind, source, sum(n)::int as n, sum(p)::int as p from (
        select campaign_id, country, kind, source, count as n, people as p from ${campaignCounts}
        union all
        select campaign_id, country, kind, source, delta as n, people as p from ${signatureCountDeltas}
      ) s group by 1, 2, 3, 4
    ), drift as (
      select coalesce(a.campaign_id, s.campaign_id) as campaign_id, coalesce(a.country, s.country) as country,
             coalesce(a.kind, s.kind) as kind, coalesce(a.source, s.source) as source,
             coalesce(s.n, 0) as stored, coalesce(a.n, 0) as actual, coalesce(s.p, 0) as stored_people, coalesce(a.p, 0) as actual_people
      from actual a full join stored s
        on s.campaign_id = a.campaign_id and s.country = a.country and s.kind = a.kind and s.source = a.source
      where coalesce(s.n, 0) <> coalesce(a.n, 0) or coalesce(s.p, 0) <> coalesce(a.p, 0)
    ), corrected as (
      insert into ${signatureCountDeltas} (campaign_id, country, kind, source, delta, people)
      select campaign_id, country, kind, source, actual - stored, actual_people - stored_people from drift
      returning 1
    )
    select campaign_id, country, kind, source, stored, actual, stored_people, actual_people from drift`);
  const drift = resultRows<{ campaign_id: string; country: string; kind: string; source: string; stored: number; actual: number; stored_people: number; actual_people: number }>(
    result,
  ).map((row) => ({
    campaignId: row.campaign_id,
    country: row.country,
    kind: row.kind,
    source: row.source,
    stored: Number(row.stored),
    actual: Number(row.actual),
    storedPeople: Number(row.stored_people),
    actualPeople: Number(row.actual_people),
  }));
  for (const d of drift) log('warn', 'signature count drift corrected', { ...d });
  return drift;
}

