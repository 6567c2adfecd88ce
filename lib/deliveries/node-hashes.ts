import { createHash, createHmac } from 'node:crypto';

/** Node's SHA-256 and HMAC-SHA256: the server's many hashes, many times faster than the browser's code. */
export function nodeSha256(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest();
}

export function nodeHmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  return createHmac('sha256', key).update(message).digest();
}
