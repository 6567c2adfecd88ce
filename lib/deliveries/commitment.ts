import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from './merkle';

/**
 * A signer's receipt: 32 random bytes in base64url (43 characters). Only SHA-256 of its text is
 * stored; the receipt itself is shown once and mailed once. Shared with the browser.
 */
export const RECEIPT_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedReceipt(receipt: string): boolean {
  return RECEIPT_PATTERN.test(receipt);
}

/** SHA-256 of the receipt's ASCII text: what the database keeps. */
export function receiptHash(receipt: string): Uint8Array {
  return sha256(new TextEncoder().encode(receipt));
}

const COMMITMENT_PREFIX = 'undersigned/commitment/v1:';

/** The message every commitment of one delivery is the HMAC of. */
export function commitmentMessage(deliveryId: string): Uint8Array {
  return new TextEncoder().encode(COMMITMENT_PREFIX + deliveryId.toLowerCase());
}

/**
 * A signature's commitment in one delivery: HMAC-SHA256 keyed by its receipt hash over the
 * delivery's id. Without the receipt hash a commitment says nothing about who signed, and the
 * same signature's commitments in two deliveries cannot be linked.
 */
export function commitmentFor(receiptHashBytes: Uint8Array, deliveryId: string): Uint8Array {
  return hmac(sha256, receiptHashBytes, commitmentMessage(deliveryId));
}

export function commitmentHex(receiptHashBytes: Uint8Array, deliveryId: string): string {
  return toHex(commitmentFor(receiptHashBytes, deliveryId));
}
