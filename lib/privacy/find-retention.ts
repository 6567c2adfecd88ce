import { eq, max } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { deliveries } from '@/db/schema';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { retentionDueDate } from './retention-due-date';

export type Retention = {
  months: number;
  /** When signers' personal data is (or was due to be) erased; null while the letter takes signatures. */
  dueAt: Date | null;
  erasedAt: Date | null;
};

/** A letter's retention policy and the date it comes to, from its state and its last delivery. */
export async function findRetention(campaign: CampaignRow, db: Db | Tx | undefined = undefined, now = new Date()): Promise<Retention> {
  const handle = db ?? (await getDb());
  const [last] = await handle.select({ on: max(deliveries.deliveredOn) }).from(deliveries).where(eq(deliveries.campaignId, campaign.id));
  return {
    months: campaign.retentionMonths,
    dueAt: retentionDueDate(
      { status: campaign.status, closedAt: campaign.closedAt, deadline: campaign.deadline, lastDeliveredOn: last?.on ?? null, retentionMonths: campaign.retentionMonths },
      now,
    ),
    erasedAt: campaign.personalDataErasedAt,
  };
}
