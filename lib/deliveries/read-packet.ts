import { and, asc, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { getDb } from '@/db/client';
import { deliveries, deliveryPacketChunks } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/http/signature-id';
import { findCampaignKey } from '@/lib/crypto/campaign-keys';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import { openPacketChunk } from './packet-chunks';

export type StoredPacket = { filename: string; bytes: Uint8Array; sha256: string };

/** A delivery's stored packet, byte for byte as it was built, for the campaign's organisers. */
export async function readPacket(caller: Caller | null, slug: string, deliveryId: string): Promise<StoredPacket> {
  // The packet holds the documents: like an export, editors and owners only.
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  if (!isUuid(deliveryId)) throw new AppError('not_found', 'Delivery not found');
  const db = await getDb();
  const [delivery] = await db
    .select({ id: deliveries.id, deliveredOn: deliveries.deliveredOn, packetSha256: deliveries.packetSha256, erasedAt: deliveries.packetErasedAt })
    .from(deliveries)
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.campaignId, campaign.id)));
  if (!delivery) throw new AppError('not_found', 'Delivery not found');
  if (delivery.erasedAt) throw new AppError('not_found', 'This packet was erased with the campaign’s personal data; its manifest and fingerprint remain on the timeline');
  const bytes = await packetBytes(delivery.id, campaign.id);
  // A packet holds names: each download of one is in the audit log, like any export.
  await db.transaction((tx) =>
    appendAuditEntry(tx, {
      actor: actorFromCaller(caller),
      action: 'export',
      campaignId: campaign.id,
      details: { format: 'packet', deliveryId: delivery.id, complete: true, bytes: bytes.length, sha256: delivery.packetSha256 },
    }),
  );
  return { filename: `${campaign.slug}-delivery-${delivery.deliveredOn}-${delivery.id.slice(0, 8)}.zip`, bytes, sha256: delivery.packetSha256 };
}

/** The packet's files, unzipped: what a delivery by email attaches. */
export async function readPacketFiles(deliveryId: string): Promise<{ filename: string; content: Buffer }[]> {
  const db = await getDb();
  const [delivery] = await db.select({ campaignId: deliveries.campaignId }).from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!delivery) throw new AppError('not_found', 'Delivery not found');
  const files = unzipSync(await packetBytes(deliveryId, delivery.campaignId));
  return Object.entries(files).map(([filename, content]) => ({ filename, content: Buffer.from(content) }));
}

async function packetBytes(deliveryId: string, campaignId: string): Promise<Uint8Array> {
  const db = await getDb();
  // Read-only: a campaign whose key was destroyed has no packet left to read.
  const key = await findCampaignKey(db, campaignId);
  if (!key) throw new AppError('not_found', 'This packet can no longer be read: the campaign’s key was destroyed');
  const chunks = await db
    .select({ seq: deliveryPacketChunks.seq, data: deliveryPacketChunks.data, sealed: deliveryPacketChunks.sealed })
    .from(deliveryPacketChunks)
    .where(eq(deliveryPacketChunks.deliveryId, deliveryId))
    .orderBy(asc(deliveryPacketChunks.seq));
  return Buffer.concat(chunks.map((chunk) => (chunk.sealed ? openPacketChunk(key, deliveryId, chunk.seq, chunk.data) : chunk.data)));
}
