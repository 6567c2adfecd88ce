import { createHash, createHmac } from 'node:crypto';

/**
 * The server's SHA-256 and HMAC-SHA256 (Node's, many times faster than the browser's code in
 * lib/deliveries, which a test holds equal to these).
 */
export function sha256(data: Uint8Array | string): Uint8Array {
  return createHash('sha256').update(data).digest();
}

/** SHA-256 as lowercase hex: of bytes, or of text as UTF-8. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return createHmac('sha256', key).update(message).digest();
}
