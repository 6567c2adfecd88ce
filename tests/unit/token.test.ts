import { describe, expect, it } from 'vitest';
import { createToken, hashToken, isWellFormedToken } from '@/lib/signatures/create-token';

describe('confirmation tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => createToken().token));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it('are stored as a SHA-256 that does not contain the token', () => {
    const { token, tokenHash } = createToken();
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashToken(token));
    expect(tokenHash).not.toContain(token);
  });

  it('rejects anything that is not a token before any lookup', () => {
    for (const bad of ['', 'abc', "' or 1=1 --", 'A'.repeat(44), `${'A'.repeat(42)}!`]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });
});
