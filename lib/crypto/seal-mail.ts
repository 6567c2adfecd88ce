import { createHmac } from 'node:crypto';
import { masterKeys } from './master-key';
import { openJson, SealError, sealJson } from './seal';

/** What of a waiting mail is personal: the address and the bodies (which may carry names and live links). */
export type SealedMailContent = { to: string; html: string; text: string };

// Waiting mail is sealed with a key derived from the master key rather than the campaign's: mail
// is written inside the transactions that cause it, where a campaign key could not be created.
function mailKey(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('undersigned/mail-key/v1').digest();
}

export function sealMail(content: SealedMailContent): Buffer {
  const [current] = masterKeys();
  return sealJson(mailKey(current.key), 'mail', 'outbox', content);
}

/** Opens with the current master key, or the previous one during a rotation. */
export function openMail(sealed: Uint8Array): SealedMailContent {
  for (const { key } of masterKeys()) {
    try {
      return openJson<SealedMailContent>(mailKey(key), 'mail', 'outbox', sealed);
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
    }
  }
  throw new SealError();
}
