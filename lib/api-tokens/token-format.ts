import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@/lib/crypto/sha256';

/** Recognisable in a leaked config or a secret scanner, then 32 random bytes. */
export const TOKEN_PREFIX = 'usg_';
const TOKEN_PATTERN = /^usg_[A-Za-z0-9_-]{43}$/;

export function newApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashApiToken(token: string): string {
  return sha256Hex(token);
}

export function isWellFormedApiToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
