import { and, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns } from '@/db/schema';
import { log } from '@/lib/log';
import { erasePersonalData } from './erase-personal-data';
import { findRetention } from './find-retention';

/**
 * The worker's retention step: every letter whose date has come is anonymised (see
 * erasePersonalData). A letter reopened after erasure and closed again is erased again when due.
 */
export async function applyRetention(now = new Date()): Promise<number> {
  const db = await getDb();
  const ended = await db
    .select()
    .from(campaigns)
    .where(
      and(
        or(sql`${campaigns.status} = 'closed'`, and(isNotNull(campaigns.deadline), lt(campaigns.deadline, sql`current_date`))),
        or(
          isNull(campaigns.personalDataErasedAt),
          sql`exists (select 1 from signatures s where s.campaign_id = ${campaigns.id} and (s.pii is not null or s.status = 'pending'))`,
        ),
      ),
    );
  let applied = 0;
  for (const campaign of ended) {
    const { dueAt } = await findRetention(campaign, db, now);
    if (!dueAt || dueAt > now) continue;
    const { signatures } = await erasePersonalData(campaign.id);
    log('info', 'retention applied: signers’ personal data erased', { campaign: campaign.id, signatures });
    applied++;
  }
  return applied;
}
