import type { Adapter, AdapterSession } from 'next-auth/adapters';
import { sha256Hex } from '@/lib/crypto/sha256';

/**
 * Wraps the Auth.js adapter so the sessions table holds only the SHA-256 of each session token:
 * a copy of the database cannot be replayed as organisers' cookies. Auth.js keeps handing us the
 * cookie's token; the raw token is given back only where Auth.js sets the cookie from it.
 */
export function hashSessionTokens(adapter: Adapter): Adapter {
  const { createSession, getSessionAndUser, updateSession, deleteSession } = adapter;
  if (!createSession || !getSessionAndUser || !updateSession || !deleteSession) return adapter;
  const withToken = (session: AdapterSession, sessionToken: string): AdapterSession => ({ ...session, sessionToken });
  return {
    ...adapter,
    async createSession(session) {
      const created = await createSession({ ...session, sessionToken: sha256Hex(session.sessionToken) });
      return withToken(created, session.sessionToken);
    },
    async getSessionAndUser(sessionToken) {
      const found = await getSessionAndUser(sha256Hex(sessionToken));
      return found && { user: found.user, session: withToken(found.session, sessionToken) };
    },
    async updateSession(session) {
      const updated = await updateSession({ ...session, sessionToken: sha256Hex(session.sessionToken) });
      return updated && withToken(updated, session.sessionToken);
    },
    async deleteSession(sessionToken) {
      const deleted = await deleteSession(sha256Hex(sessionToken));
      return deleted ? withToken(deleted, sessionToken) : null;
    },
  };
}
