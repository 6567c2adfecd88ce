import { createHmac } from 'node:crypto';
import { masterKeys } from './master-key';
import { openJson, SealError, sealJson, type SealPurpose } from './seal';

/** What of a waiting mail is personal: the address and the bodies (which may carry names and live links). */
export type SealedMailContent = { to: string; html: string; text: string };

// Waiting mail (and requests waiting to be mailed) is sealed with a key derived from the master key
// rather than a campaign's: it is written inside transactions, where a campaign key could not be made.
function mailKey(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('undersigned/mail-key/v1').digest();
}

function sealWaiting(purpose: SealPurpose, value: unknown): Buffer {
  const [current] = masterKeys();
  return sealJson(mailKey(current.key), purpose, 'outbox', value);
}

/** Opens with the current master key, or the previous one during a rotation. */
function openWaiting<T>(purpose: SealPurpose, sealed: Uint8Array): T {
  for (const { key } of masterKeys()) {
    try {
      return openJson<T>(mailKey(key), purpose, 'outbox', sealed);
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
    }
  }
  throw new SealError();
}

export function sealMail(content: SealedMailContent): Buffer {
  return sealWaiting('mail', content);
}

export function openMail(sealed: Uint8Array): SealedMailContent {
  return openWaiting('mail', sealed);
}

/** The address of a request for one's data, while it waits for the worker. */
export function sealRequestAddress(email: string): Buffer {
  return sealWaiting('signer-request', { email });
}

export function openRequestAddress(sealed: Uint8Array): string {
  return openWaiting<{ email: string }>('signer-request', sealed).email;
}
