import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/schemas/field-errors';
import { grantedRoleSchema, workspaceNameSchema } from '@/lib/schemas/workspace';
import { accessOf, allows } from '@/lib/workspaces/access';
import { isUuid, requireWorkspaceRole } from '@/lib/workspaces/require-workspace-role';
import { newApiToken } from './token-format';

export const createApiTokenSchema = z.strictObject({ name: workspaceNameSchema, role: grantedRoleSchema });

export type ApiTokenSummary = {
  id: string;
  name: string;
  role: 'editor' | 'viewer';
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/**
 * A member makes a token for the organiser API, for this workspace, with a role no higher than
 * their own. The token is returned this once; only its SHA-256 is kept.
 */
export async function createApiToken(caller: Caller | null, workspaceId: string, input: unknown): Promise<{ token: string; summary: ApiTokenSummary }> {
  const workspace = await requireWorkspaceRole(caller, workspaceId, 'view');
  const { name, role } = parseInput(createApiTokenSchema, input);
  // A token never does more than the member who made it could.
  if (!allows(workspace.access, accessOf(role))) throw new AppError('not_found', 'Workspace not found');
  const { token, tokenHash, prefix } = newApiToken();
  const db = await getDb();
  const [row] = await db.insert(apiTokens).values({ workspaceId: workspace.id, name, role, tokenHash, prefix, createdBy: caller!.userId }).returning();
  return { token, summary: toSummary({ ...row, createdByEmail: caller!.email }) };
}

/** Every token of the workspace, revoked ones too, newest first: never the token itself. */
export async function listApiTokens(caller: Caller | null, workspaceId: string): Promise<ApiTokenSummary[]> {
  const workspace = await requireWorkspaceRole(caller, workspaceId, 'view');
  const db = await getDb();
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      prefix: apiTokens.prefix,
      createdByEmail: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workspaceId, workspace.id))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toSummary);
}

/** Owners revoke any token of the workspace; other members their own. At once, for good. */
export async function revokeApiToken(caller: Caller | null, workspaceId: string, tokenId: string): Promise<void> {
  const workspace = await requireWorkspaceRole(caller, workspaceId, 'view');
  if (!isUuid(tokenId)) throw new AppError('not_found', 'Token not found');
  const db = await getDb();
  const mine = workspace.access === 'own' ? undefined : eq(apiTokens.createdBy, caller!.userId);
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.workspaceId, workspace.id), isNull(apiTokens.revokedAt), mine))
    .returning({ id: apiTokens.id });
  if (!revoked) throw new AppError('not_found', 'Token not found');
}

function toSummary(row: {
  id: string;
  name: string;
  role: 'editor' | 'viewer';
  prefix: string;
  createdByEmail: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.createdByEmail,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
