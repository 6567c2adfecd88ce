import { and, eq, ne } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, deliveries } from '@/db/schema';
import { isUuid } from '@/lib/http/signature-id';

/** A delivery as published on a campaign's timeline, found by the id its manifest names. */
export type PublishedDelivery = {
  id: string;
  campaign: { slug: string; title: string };
  addressee: string;
  channel: string;
  deliveredOn: string;
  signatureCount: number;
  manifestSha256: string;
};

/** What describes a published delivery, read with its campaign joined. */
export const publishedDeliveryColumns = {
  id: deliveries.id,
  slug: campaigns.slug,
  title: campaigns.title,
  addressee: deliveries.addressee,
  channel: deliveries.channel,
  deliveredOn: deliveries.deliveredOn,
  signatureCount: deliveries.signatureCount,
  manifestSha256: deliveries.manifestSha256,
};

/** A draft has no public deliveries (it cannot be delivered, and its page does not exist). */
export const campaignIsPublic = ne(campaigns.status, 'draft');

export async function findPublishedDelivery(id: string): Promise<PublishedDelivery | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select(publishedDeliveryColumns)
    .from(deliveries)
    .innerJoin(campaigns, eq(campaigns.id, deliveries.campaignId))
    .where(and(eq(deliveries.id, id), campaignIsPublic));
  if (!row) return null;
  return {
    id: row.id,
    campaign: { slug: row.slug, title: row.title },
    addressee: row.addressee.name,
    channel: row.channel,
    deliveredOn: row.deliveredOn,
    signatureCount: row.signatureCount,
    manifestSha256: row.manifestSha256,
  };
}
