import { createHmac } from 'node:crypto';
import { getEnv } from '@/lib/env';

/**
 * A keyed hash (HMAC-SHA256 with the app's secret) of a personal value such as an address, so
 * that tables can match it without holding it: an unkeyed hash of an email address is reversed
 * by hashing a list of addresses. The purpose keeps hashes of one kind from matching another.
 */
export function keyedHash(purpose: 'mail-address' | 'client-address', value: string): string {
  return createHmac('sha256', getEnv().authSecret).update(`${purpose}\n${value}`).digest('hex');
}

/** The keyed hash an address is matched by in the outbox and the suppression list. */
export function mailAddressHash(address: string): string {
  return keyedHash('mail-address', address.trim().toLowerCase());
}
