import type { Adapter, AdapterSession, AdapterUser } from 'next-auth/adapters';
import { describe, expect, it } from 'vitest';
import { hashSessionTokens } from '@/lib/auth/hash-session-tokens';
import { sha256Hex } from '@/lib/crypto/sha256';

/** An adapter storing sessions in a map, standing in for the database table. */
function memoryAdapter(stored: Map<string, AdapterSession>): Adapter {
  const user: AdapterUser = { id: 'u1', email: 'organiser@example.org', emailVerified: null };
  return {
    createSession: async (session) => (stored.set(session.sessionToken, session), session),
    getSessionAndUser: async (token) => (stored.has(token) ? { session: stored.get(token)!, user } : null),
    updateSession: async (session) => {
      const found = stored.get(session.sessionToken);
      if (!found) return null;
      const updated = { ...found, ...session };
      stored.set(session.sessionToken, updated);
      return updated;
    },
    deleteSession: async (token) => {
      const found = stored.get(token) ?? null;
      stored.delete(token);
      return found;
    },
  };
}

describe('session tokens', () => {
  it('are stored only as their SHA-256, while the cookie token keeps working', async () => {
    const stored = new Map<string, AdapterSession>();
    const adapter = hashSessionTokens(memoryAdapter(stored));
    const token = '6f1c0f0e-3b7a-4a55-9d5e-2b8f3f0f9a11';
    const expires = new Date(Date.now() + 60_000);

    const created = await adapter.createSession!({ sessionToken: token, userId: 'u1', expires });
    expect(created.sessionToken).toBe(token);
    expect([...stored.keys()]).toEqual([sha256Hex(token)]);

    expect((await adapter.getSessionAndUser!(token))?.user.id).toBe('u1');
    // A token read out of the table is not a working cookie.
    expect(await adapter.getSessionAndUser!(sha256Hex(token))).toBeNull();

    await adapter.updateSession!({ sessionToken: token, expires: new Date(Date.now() + 120_000) });
    expect(stored.get(sha256Hex(token))!.expires.getTime()).toBeGreaterThan(expires.getTime());

    await adapter.deleteSession!(token);
    expect(stored.size).toBe(0);
  });
});
