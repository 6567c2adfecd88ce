import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { hashApiToken, isWellFormedApiToken } from './token-format';

/**
 * The caller an API token stands for, or null for a malformed, unknown or revoked one. The
 * caller is never an administrator: a token does only what its workspace and role allow.
 * Its last use is written at most once a minute, so a busy script does not write on every call.
 */
export async function authenticateApiToken(token: string): Promise<Caller | null> {
  if (!isWellFormedApiToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, workspaceId: apiTokens.workspaceId, role: apiTokens.role, userId: apiTokens.createdBy, email: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  return { userId: row.userId, email: row.email ?? '', isAdmin: false, token: { id: row.id, name: row.name, workspaceId: row.workspaceId, role: row.role } };
}
