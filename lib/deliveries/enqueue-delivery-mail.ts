import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deliveries, outbox } from '@/db/schema';
import type { Addressee } from '@/db/schema/campaigns';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { getEnv } from '@/lib/env';
import { composeMail } from '@/lib/mail/compose-mail';
import { sealedOutboxFields } from '@/lib/mail/sealed-outbox-fields';
import { wakeWorker } from '@/lib/worker/wake-worker';

/** Resend takes 40 MB a mail with attachments in base64 (a third larger): the packet's files must stay well below. */
export const MAX_MAILED_PACKET_BYTES = 25 * 1024 * 1024;

/**
 * Queues the delivery's documents to the addressee, in the same transaction as the delivery.
 * The outbox row names the delivery; the sender attaches the packet's files when it sends.
 */
export async function enqueueDeliveryMail(tx: Tx, delivery: { deliveryId: string; campaign: CampaignRow; addressee: Addressee & { email: string } }): Promise<void> {
  const [row] = await tx
    .select({ manifestSha256: deliveries.manifestSha256, count: deliveries.signatureCount })
    .from(deliveries)
    .where(eq(deliveries.id, delivery.deliveryId));
  const { campaign } = delivery;
  const content = await composeMail({
    kind: 'delivery',
    locale: campaign.language,
    title: campaign.title,
    organisers: campaign.organisedBy ?? campaign.title,
    count: row.count,
    fingerprint: row.manifestSha256,
    url: `${getEnv().baseUrl}/c/${campaign.slug}#deliveries`,
  });
  await tx.insert(outbox).values({
    kind: 'delivery',
    campaignId: campaign.id,
    deliveryId: delivery.deliveryId,
    fromAddress: getEnv().emailFrom,
    subject: content.subject,
    ...sealedOutboxFields(delivery.addressee.email, content),
  });
  setTimeout(wakeWorker, 20);
}
