import { createHmac } from 'node:crypto';
import type { CampaignKey } from './campaign-keys';

/**
 * The keyed hash a campaign finds a signer's address by (one signature per address, withdrawal
 * and repeat-signing lookups) without storing it. Keyed per campaign: the same address has
 * unrelated hashes in two campaigns, so tables cannot be joined on it.
 */
export function emailIndex(key: CampaignKey, canonicalEmail: string): string {
  return createHmac('sha256', key.indexKey).update(canonicalEmail).digest('hex');
}

/**
 * The keyed hash of an address's domain (per campaign), for invalidating a wave of signatures
 * from one domain. Hashed apart from addresses, so neither can stand for the other.
 */
export function emailDomainIndex(key: CampaignKey, domain: string): string {
  return createHmac('sha256', key.indexKey).update(`domain\n${domain}`).digest('hex');
}
