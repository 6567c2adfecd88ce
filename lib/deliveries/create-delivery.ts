import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deliveries, deliveryPacketChunks } from '@/db/schema';
import type { Addressee } from '@/db/schema/campaigns';
import type { Caller } from '@/lib/auth/caller';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { requireCampaignAccess } from '@/lib/campaigns/require-campaign-access';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { createDeliverySchema, type DeliveryRequest } from '@/lib/schemas/delivery';
import { parseInput } from '@/lib/schemas/field-errors';
import { buildPacket, SignaturesMoved, sha256Hex, type BuiltPacket } from './build-packet';
import { enqueueDeliveryMail, MAX_MAILED_PACKET_BYTES } from './enqueue-delivery-mail';

export const PACKET_CHUNK_BYTES = 1024 * 1024;
const BUILD_ATTEMPTS = 3;
const ID_BATCH = 5_000;

export type CreatedDelivery = {
  id: string;
  manifestSha256: string;
  createdAt: string;
  counts: BuiltPacket['counts'];
  files: BuiltPacket['files'];
};

/**
 * Records a delivery: builds its packet once and stores it with the manifest, the commitments
 * and which signatures it held, all in one transaction, so a delivery exists whole or not at all.
 */
export async function createDelivery(caller: Caller | null, slug: string, input: unknown): Promise<CreatedDelivery> {
  const campaign = await requireCampaignAccess(caller, slug);
  return recordDelivery(campaign, parseInput(createDeliverySchema, input), { createdBy: caller!.userId });
}

/** The delivery itself, for a campaign whose access was already checked (or the demo's seed). */
export async function recordDelivery(campaign: CampaignRow, request: DeliveryRequest, by: { createdBy: string | null }): Promise<CreatedDelivery> {
  if (campaign.status === 'draft') throw new AppError('conflict', 'Publish the letter before recording a delivery of it');
  const addressee = resolveAddressee(campaign, request.addressee);
  const today = new Date().toISOString().slice(0, 10);
  const deliveredOn = request.deliveredOn ?? today;
  // A day's grace: an organiser east of UTC may already be on tomorrow's date.
  if (deliveredOn > addDays(today, 1)) throw new AppError('validation', 'Delivered on cannot be in the future', { deliveredOn: ['Delivered on cannot be in the future'] });
  if (request.send && !addressee.email) {
    throw new AppError('validation', 'To send the documents by email, give the addressee’s email address', { 'addressee.email': ['Give the addressee’s email address to send to'] });
  }

  const id = randomUUID();
  let packet: BuiltPacket | undefined;
  for (let attempt = 1; !packet; attempt++) {
    try {
      packet = await buildPacket({ deliveryId: id, campaign, addressee, channel: request.channel, formats: request.formats, filters: request.filters, deliveredOn, generatedAt: new Date() });
    } catch (error) {
      if (!(error instanceof SignaturesMoved) || attempt >= BUILD_ATTEMPTS) {
        if (error instanceof SignaturesMoved) throw new AppError('conflict', 'Signatures were withdrawn while the packet was built; try again in a moment');
        throw error;
      }
    }
  }
  if (request.send && packet.zip.length > MAX_MAILED_PACKET_BYTES) {
    throw new AppError('payload_too_large', `The packet is ${megabytes(packet.zip.length)} MB, too large to send by email (at most ${megabytes(MAX_MAILED_PACKET_BYTES)} MB): deliver it through a portal or by hand, and record that`);
  }

  const built = packet;
  const db = await getDb();
  const [row] = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(deliveries)
      .values({
        id,
        campaignId: campaign.id,
        addressee,
        channel: request.channel,
        formats: request.formats,
        filters: request.filters,
        note: request.note,
        deliveredOn,
        generatedAt: new Date(JSON.parse(built.manifest).generatedAt as string),
        createdBy: by.createdBy,
        letterVersion: campaign.versionNumber,
        manifest: built.manifest,
        manifestSha256: built.manifestSha256,
        signatureRoot: built.signatureRoot,
        signatureCount: built.counts.total,
        counts: built.counts,
        files: built.files,
        commitments: built.commitments,
        packetBytes: built.zip.length,
        packetSha256: sha256Hex(built.zip),
      })
      .returning({ id: deliveries.id, createdAt: deliveries.createdAt });
    for (let seq = 0; seq * PACKET_CHUNK_BYTES < built.zip.length; seq++) {
      const data = built.zip.subarray(seq * PACKET_CHUNK_BYTES, (seq + 1) * PACKET_CHUNK_BYTES);
      await tx.insert(deliveryPacketChunks).values({ deliveryId: id, seq, data });
    }
    for (let at = 0; at < built.signatureIds.length; at += ID_BATCH) {
      const ids = built.signatureIds.slice(at, at + ID_BATCH).join(',');
      await tx.execute(sql`insert into delivery_signatures (delivery_id, signature_id) select ${id}::uuid, unnest(string_to_array(${ids}, ','))::uuid`);
    }
    // A withdrawal that committed after the packet was read is already history for this delivery.
    await tx.execute(sql`update delivery_signatures ds set withdrawn_at = now()
      where ds.delivery_id = ${id}::uuid and not exists (select 1 from signatures s where s.id = ds.signature_id)`);
    if (request.send) await enqueueDeliveryMail(tx, { deliveryId: id, campaign, addressee: addressee as Addressee & { email: string } });
    return inserted;
  });
  log('info', 'delivery recorded', { campaign: campaign.id, delivery: id, signatures: built.counts.total, bytes: built.zip.length });
  return { id: row.id, manifestSha256: built.manifestSha256, createdAt: row.createdAt.toISOString(), counts: built.counts, files: built.files };
}

/** One of the campaign's addressees by name, or a new one given whole. */
function resolveAddressee(campaign: CampaignRow, given: string | Addressee): Addressee {
  if (typeof given !== 'string') {
    return { name: given.name, role: given.role ?? null, postalAddress: given.postalAddress ?? null, email: given.email ?? null };
  }
  const wanted = given.normalize('NFC').trim().toLocaleLowerCase();
  const found = campaign.addressees.find((a) => a.name.normalize('NFC').trim().toLocaleLowerCase() === wanted);
  if (!found) {
    throw new AppError('validation', `The letter has no addressee named “${given}”: give a new addressee as an object with a name`, {
      addressee: ['Not one of the letter’s addressees; give a new one as { name, role?, email?, postalAddress? }'],
    });
  }
  return { name: found.name, role: found.role ?? null, postalAddress: found.postalAddress ?? null, email: found.email ?? null };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
