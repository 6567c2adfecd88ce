import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes for the link; only the SHA-256 is stored, so a database leak confirms nothing. */
export function createToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A well-formed token is 43 base64url characters; anything else is rejected before a lookup. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
