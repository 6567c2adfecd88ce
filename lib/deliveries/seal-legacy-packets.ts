import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deliveries, deliveryPacketChunks } from '@/db/schema';
import { getCampaignKey } from '@/lib/crypto/campaign-keys';
import { sealPacketChunk } from './packet-chunks';

/** Packets stored before they were sealed (an upgraded install) are sealed when the database opens. */
export async function sealLegacyPackets(db: Db): Promise<number> {
  const pending = await db
    .selectDistinct({ deliveryId: deliveryPacketChunks.deliveryId, campaignId: deliveries.campaignId })
    .from(deliveryPacketChunks)
    .innerJoin(deliveries, eq(deliveries.id, deliveryPacketChunks.deliveryId))
    .where(eq(deliveryPacketChunks.sealed, false));
  for (const { deliveryId, campaignId } of pending) {
    const key = await getCampaignKey(campaignId, db);
    const chunks = await db
      .select({ seq: deliveryPacketChunks.seq, data: deliveryPacketChunks.data })
      .from(deliveryPacketChunks)
      .where(and(eq(deliveryPacketChunks.deliveryId, deliveryId), eq(deliveryPacketChunks.sealed, false)));
    await db.transaction(async (tx) => {
      for (const chunk of chunks) {
        await tx
          .update(deliveryPacketChunks)
          .set({ data: sealPacketChunk(key, deliveryId, chunk.seq, chunk.data), sealed: sql`true` })
          .where(and(eq(deliveryPacketChunks.deliveryId, deliveryId), eq(deliveryPacketChunks.seq, chunk.seq), eq(deliveryPacketChunks.sealed, false)));
      }
    });
  }
  return pending.length;
}
