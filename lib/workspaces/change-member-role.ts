import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { apiTokens, workspaceMembers } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/schemas/field-errors';
import { changeMemberRoleSchema } from '@/lib/schemas/workspace';
import type { WorkspaceRole } from './access';
import { requireWorkspaceRole } from './require-workspace-role';

const LAST_OWNER = 'A workspace keeps at least one owner: make someone else an owner first';

/**
 * An owner changes a member's role. The workspace row is locked, so two owners demoting each
 * other at once cannot leave it without one. Tokens the member made that the new role no longer
 * allows are revoked.
 */
export async function changeMemberRole(caller: Caller | null, workspaceId: string, input: unknown): Promise<{ userId: string; role: WorkspaceRole }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const workspace = await requireWorkspaceRole(caller, workspaceId, 'own', tx);
    const { userId, role } = parseInput(changeMemberRoleSchema, input);
    const member = await findMember(tx, workspace.id, userId);
    if (member.role === 'owner' && role !== 'owner') await keepAnOwner(tx, workspace.id);
    await tx.update(workspaceMembers).set({ role }).where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(workspaceMembers.userId, userId)));
    if (role === 'viewer') await revokeTokens(tx, workspace.id, userId, ['editor']);
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'role.change', workspaceId: workspace.id, details: { userId, from: member.role, to: role } });
    return { userId, role };
  });
}

/** An owner removes a member, or a member leaves. Their tokens for this workspace are revoked. */
export async function removeMember(caller: Caller | null, workspaceId: string, userId: string): Promise<void> {
  if (typeof userId !== 'string') throw new AppError('not_found', 'Member not found');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const leaving = caller?.userId === userId;
    const workspace = await requireWorkspaceRole(caller, workspaceId, leaving ? 'view' : 'own', tx);
    const member = await findMember(tx, workspace.id, userId);
    if (member.role === 'owner') await keepAnOwner(tx, workspace.id);
    await tx.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(workspaceMembers.userId, userId)));
    await revokeTokens(tx, workspace.id, userId, ['editor', 'viewer']);
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'role.change', workspaceId: workspace.id, details: { userId, from: member.role, to: null } });
  });
}

async function findMember(tx: Tx, workspaceId: string, userId: string) {
  const [member] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (!member) throw new AppError('not_found', 'Member not found');
  return member;
}

async function keepAnOwner(tx: Tx, workspaceId: string): Promise<void> {
  const owners = await tx
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner')));
  if (owners.length <= 1) throw new AppError('conflict', LAST_OWNER, { role: [LAST_OWNER] });
}

async function revokeTokens(tx: Tx, workspaceId: string, userId: string, roles: ('editor' | 'viewer')[]): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.createdBy, userId), inArray(apiTokens.role, roles), isNull(apiTokens.revokedAt)));
}
