import { randomBytes } from 'node:crypto';
import { receiptHash } from '@/lib/deliveries/commitment';
import { toHex } from '@/lib/deliveries/merkle';

/** A new receipt (256 random bits) and the hash that is all the database keeps of it. */
export function createReceipt(): { receipt: string; hash: string } {
  const receipt = randomBytes(32).toString('base64url');
  return { receipt, hash: toHex(receiptHash(receipt)) };
}
