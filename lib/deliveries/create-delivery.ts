import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { deliveries, deliveryPacketChunks } from '@/db/schema';
import type { Addressee } from '@/db/schema/campaigns';
import { actorFromCaller, systemActor, type AuditActor } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { isUniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { createDeliverySchema, type DeliveryRequest } from '@/lib/schemas/delivery';
import { parseInput } from '@/lib/schemas/field-errors';
import { getCampaignKey } from '@/lib/crypto/campaign-keys';
import { sha256Hex } from '@/lib/crypto/sha256';
import { buildPacket, SignaturesMoved, type BuiltPacket, type PacketRequest } from './build-packet';
import { DELIVERY_LOCK } from './delivery-lock';
import { enqueueDeliveryMail, MAX_MAILED_PACKET_BYTES } from './enqueue-delivery-mail';
import { latestDay } from './latest-day';
import { PACKET_CHUNK_BYTES, sealPacketChunk } from './packet-chunks';

const idempotencyKeySchema = z
  .string({ error: 'Idempotency-Key must be text' })
  .regex(/^[\x21-\x7e]{8,200}$/, { error: 'Idempotency-Key must be 8 to 200 visible ASCII characters' })
  .nullable();
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
export async function createDelivery(caller: Caller | null, slug: string, input: unknown, options: { idempotencyKey?: string | null } = {}): Promise<CreatedDelivery> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const idempotencyKey = parseInput(idempotencyKeySchema, options.idempotencyKey ?? null);
  return recordDelivery(campaign, parseInput(createDeliverySchema, input), { createdBy: caller!.userId, idempotencyKey, actor: actorFromCaller(caller) });
}

/** The delivery itself, for a campaign whose access was already checked (or the demo's seed). */
export async function recordDelivery(
  campaign: CampaignRow,
  request: DeliveryRequest,
  by: { createdBy: string | null; idempotencyKey?: string | null; actor?: AuditActor },
): Promise<CreatedDelivery> {
  if (campaign.status === 'draft') throw new AppError('conflict', 'Publish the letter before recording a delivery of it');
  // The same request again (a double click, a retry after a timeout) is answered, not recorded twice.
  const earlier = by.idempotencyKey ? await findByIdempotencyKey(campaign.id, by.idempotencyKey) : undefined;
  if (earlier) return earlier;
  const addressee = resolveAddressee(campaign, request.addressee);
  const deliveredOn = request.deliveredOn ?? new Date().toISOString().slice(0, 10);
  if (deliveredOn > latestDay()) throw new AppError('validation', 'Delivered on cannot be in the future', { deliveredOn: ['Delivered on cannot be in the future'] });
  const created = campaign.createdAt.toISOString().slice(0, 10);
  if (deliveredOn < created) {
    throw new AppError('validation', 'A delivery cannot predate the letter', { deliveredOn: [`Delivered on must be on or after ${created}, when the letter was created`] });
  }
  if (request.send && !addressee.email) {
    throw new AppError('validation', 'To send the documents by email, give the addressee’s email address', { 'addressee.email': ['Give the addressee’s email address to send to'] });
  }

  const id = randomUUID();
  const packet = await buildSettledPacket({ deliveryId: id, campaign, addressee, channel: request.channel, formats: request.formats, filters: request.filters, deliveredOn });
  if (request.send && packet.unzippedBytes > MAX_MAILED_PACKET_BYTES) {
    throw new AppError('payload_too_large', `The documents come to ${megabytes(packet.unzippedBytes)} MB, too large to send by email (at most ${megabytes(MAX_MAILED_PACKET_BYTES)} MB): deliver them through a portal or by hand, and record that`);
  }

  // Taken before the transaction: a campaign's key is never made inside one (see getCampaignKey).
  const key = await getCampaignKey(campaign.id);
  const packetSha256 = sha256Hex(packet.zip);
  const db = await getDb();
  let row: { id: string; createdAt: Date };
  try {
    row = await db.transaction(async (tx) => {
      // Withdrawals take this lock shared: one that overlaps this transaction either commits first
      // (and the check below sees it) or waits, then sees these rows and marks itself.
      await tx.execute(sql`select pg_advisory_xact_lock(${DELIVERY_LOCK}, hashtext(${campaign.id}))`);
      const [inserted] = await tx
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
          generatedAt: packet.generatedAt,
          createdBy: by.createdBy,
          letterVersion: campaign.versionNumber,
          manifest: packet.manifest,
          manifestSha256: packet.manifestSha256,
          signatureRoot: packet.signatureRoot,
          signatureCount: packet.counts.total,
          counts: packet.counts,
          files: packet.files,
          commitments: packet.commitments,
          packetBytes: packet.zip.length,
          packetSha256,
          idempotencyKey: by.idempotencyKey ?? null,
        })
        .returning({ id: deliveries.id, createdAt: deliveries.createdAt });
      for (let seq = 0; seq * PACKET_CHUNK_BYTES < packet.zip.length; seq++) {
        const data = packet.zip.subarray(seq * PACKET_CHUNK_BYTES, (seq + 1) * PACKET_CHUNK_BYTES);
        await tx.insert(deliveryPacketChunks).values({ deliveryId: id, seq, data: sealPacketChunk(key, id, seq, data) });
      }
      for (let at = 0; at < packet.signatureIds.length; at += ID_BATCH) {
        const ids = packet.signatureIds.slice(at, at + ID_BATCH).join(',');
        await tx.execute(sql`insert into delivery_signatures (delivery_id, signature_id) select ${id}::uuid, unnest(string_to_array(${ids}, ','))::uuid`);
      }
      // A withdrawal that committed after the packet was read is already history for this delivery.
      await tx.execute(sql`update delivery_signatures ds set withdrawn_at = now()
        where ds.delivery_id = ${id}::uuid and not exists (select 1 from signatures s where s.id = ds.signature_id)`);
      if (request.send) await enqueueDeliveryMail(tx, { deliveryId: id, campaign, addressee: addressee as Addressee & { email: string } });
      await appendAuditEntry(tx, {
        actor: by.actor ?? systemActor('system'),
        action: 'delivery',
        campaignId: campaign.id,
        details: {
          deliveryId: id,
          addressee: addressee.name,
          channel: request.channel,
          formats: request.formats,
          filters: request.filters,
          deliveredOn,
          sent: Boolean(request.send),
          signatures: packet.counts.total,
          manifestSha256: packet.manifestSha256,
          packetSha256,
        },
      });
      return inserted;
    });
  } catch (error) {
    // Two identical requests at once: the second finds the first's delivery.
    const same = by.idempotencyKey && isUniqueViolation(error) ? await findByIdempotencyKey(campaign.id, by.idempotencyKey) : undefined;
    if (same) return same;
    throw error;
  }
  log('info', 'delivery recorded', { campaign: campaign.id, delivery: id, signatures: packet.counts.total, bytes: packet.zip.length });
  return { id: row.id, manifestSha256: packet.manifestSha256, createdAt: row.createdAt.toISOString(), counts: packet.counts, files: packet.files };
}

/** The packet, built again (a few times at most) while signatures are withdrawn under it. */
async function buildSettledPacket(request: Omit<PacketRequest, 'generatedAt'>): Promise<BuiltPacket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await buildPacket({ ...request, generatedAt: new Date() });
    } catch (error) {
      if (!(error instanceof SignaturesMoved)) throw error;
      if (attempt >= BUILD_ATTEMPTS) throw new AppError('conflict', 'Signatures were withdrawn while the packet was built; try again in a moment');
    }
  }
}

/** A delivery made earlier for the same idempotency key, in the shape a new one is answered with. */
async function findByIdempotencyKey(campaignId: string, key: string): Promise<CreatedDelivery | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ id: deliveries.id, manifestSha256: deliveries.manifestSha256, createdAt: deliveries.createdAt, counts: deliveries.counts, files: deliveries.files })
    .from(deliveries)
    .where(and(eq(deliveries.campaignId, campaignId), eq(deliveries.idempotencyKey, key)));
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : undefined;
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

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
