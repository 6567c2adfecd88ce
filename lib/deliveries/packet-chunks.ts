import type { CampaignKey } from '@/lib/crypto/campaign-keys';
import { openBytes, sealBytes } from '@/lib/crypto/seal';

/** Packets are stored in chunks of this size, so no single value grows with the campaign. */
export const PACKET_CHUNK_BYTES = 1024 * 1024;

/** A chunk is bound to its delivery and its place: chunks cannot be swapped or reordered unnoticed. */
export function sealPacketChunk(key: CampaignKey, deliveryId: string, seq: number, data: Uint8Array): Buffer {
  return sealBytes(key.dataKey, 'packet', `${deliveryId}:${seq}`, data);
}

export function openPacketChunk(key: CampaignKey, deliveryId: string, seq: number, sealed: Uint8Array): Buffer {
  return openBytes(key.dataKey, 'packet', `${deliveryId}:${seq}`, sealed);
}
