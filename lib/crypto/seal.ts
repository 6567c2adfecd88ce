import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM in one self-describing value: a version byte, a 12-byte random nonce, the
 * ciphertext and the 16-byte tag. The purpose and owner are bound in as associated data, so a
 * value moved to another column or another campaign fails to open instead of being misread.
 */
export const SEAL_VERSION = 1;
export const SEAL_NONCE_BYTES = 12;
export const SEAL_TAG_BYTES = 16;
const VERSION = SEAL_VERSION;
const NONCE_BYTES = SEAL_NONCE_BYTES;
const TAG_BYTES = SEAL_TAG_BYTES;

export type SealPurpose =
  | 'campaign-key'
  | 'signer'
  | 'withdrawal-request'
  | 'mail'
  | 'packet'
  | 'import'
  | 'signer-request';

export class SealError extends Error {
  constructor() {
    super('An encrypted value could not be opened: wrong key, or the value was changed');
    this.name = 'SealError';
  }
}

// A document opens a million values of one campaign: their associated data is built once.
const associated = new Map<string, Buffer>();

/** What a sealed value is bound to (its purpose and owner), as text. */
export function associatedDataText(purpose: SealPurpose, owner: string): string {
  return `undersigned/${purpose}/v${VERSION}:${owner}`;
}

function associatedData(purpose: SealPurpose, owner: string): Buffer {
  const text = associatedDataText(purpose, owner);
  let value = associated.get(text);
  if (!value) {
    if (associated.size > 10_000) associated.clear();
    value = Buffer.from(text, 'utf8');
    associated.set(text, value);
  }
  return value;
}

export function sealBytes(key: Uint8Array, purpose: SealPurpose, owner: string, plaintext: Uint8Array | string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(purpose, owner));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
}

export function openBytes(key: Uint8Array, purpose: SealPurpose, owner: string, sealed: Uint8Array): Buffer {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealError();
  const value = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, value.subarray(1, 1 + NONCE_BYTES));
  decipher.setAAD(associatedData(purpose, owner));
  decipher.setAuthTag(value.subarray(value.length - TAG_BYTES));
  try {
    // GCM yields everything from update(); final() only checks the tag.
    const plaintext = decipher.update(value.subarray(1 + NONCE_BYTES, value.length - TAG_BYTES));
    decipher.final();
    return plaintext;
  } catch {
    throw new SealError();
  }
}

/** Several fields sealed as one value: one decryption per row, not one per field. */
export function sealJson(key: Uint8Array, purpose: SealPurpose, owner: string, value: unknown): Buffer {
  return sealBytes(key, purpose, owner, JSON.stringify(value));
}

export function openJson<T>(key: Uint8Array, purpose: SealPurpose, owner: string, sealed: Uint8Array): T {
  return JSON.parse(openBytes(key, purpose, owner, sealed).toString('utf8')) as T;
}
