import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { wakeWorker } from '@/lib/worker/wake-worker';

export type MailHealth = {
  waiting: number;
  sent: number;
  delivered: number;
  delayed: number;
  bounced: number;
  complained: number;
  /** Given up on (refused by the provider, or unsent for MAIL_GIVE_UP_HOURS): organisers may retry. */
  failed: number;
  /** Not sent because the address bounced or complained before. */
  suppressed: number;
};

/** What became of the mail about one letter: counts only, never addresses. */
export async function getMailHealth(caller: Caller | null, slug: string): Promise<MailHealth> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const db = await getDb();
  const [row] = await db
    .select({
      waiting: sql<number>`count(*) filter (where ${outbox.status} = 'pending')`,
      sent: sql<number>`count(*) filter (where ${outbox.status} = 'sent')`,
      delivered: sql<number>`count(*) filter (where ${outbox.deliveryStatus} = 'delivered')`,
      delayed: sql<number>`count(*) filter (where ${outbox.deliveryStatus} = 'delayed')`,
      bounced: sql<number>`count(*) filter (where ${outbox.deliveryStatus} = 'bounced')`,
      complained: sql<number>`count(*) filter (where ${outbox.deliveryStatus} = 'complained')`,
      failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')`,
      suppressed: sql<number>`count(*) filter (where ${outbox.status} = 'suppressed')`,
    })
    .from(outbox)
    .where(eq(outbox.campaignId, campaign.id));
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value ?? 0)])) as MailHealth;
}

/** Puts a letter's given-up mail back in the queue, in new batches with new idempotency keys. */
export async function retryFailedMail(caller: Caller | null, slug: string): Promise<number> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const db = await getDb();
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', batchId: null, attempts: 0, lastError: null })
    // Bodies are blanked only once sent, so a failed mail still has its content.
    .where(and(eq(outbox.campaignId, campaign.id), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  if (rows.length) setTimeout(wakeWorker, 20);
  return rows.length;
}
