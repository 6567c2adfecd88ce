import { createHmac } from 'node:crypto';
import { getEnv } from '@/lib/env';

export type MasterKey = { id: string; key: Buffer };

/** A key's public fingerprint: names which master key wrapped a data key without revealing it. */
export function masterKeyId(key: Uint8Array): string {
  return createHmac('sha256', key).update('undersigned/master-key-id/v1').digest('hex').slice(0, 16);
}

/** The master key new data keys are wrapped with, then the one being rotated out (if any). */
export function masterKeys(): MasterKey[] {
  const env = getEnv();
  const keys = [env.dataEncryptionKey, env.previousDataEncryptionKey].filter((key): key is Buffer => Boolean(key));
  return keys.map((key) => ({ id: masterKeyId(key), key }));
}
