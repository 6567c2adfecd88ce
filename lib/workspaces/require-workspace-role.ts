import { and, eq } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { workspaceMembers, workspaces } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { accessOf, allows, type Access } from './access';

export type WorkspaceRow = typeof workspaces.$inferSelect;

/**
 * The workspace, if the caller is a member with at least `need` (administrators may do anything).
 * Workspaces are managed from the dashboard only: an API token never reaches them. Anyone else
 * gets the 404 of a workspace that does not exist. Pass `tx` to lock the workspace row.
 */
export async function requireWorkspaceRole(
  caller: Caller | null,
  workspaceId: string,
  need: Access,
  tx?: Tx,
): Promise<WorkspaceRow & { access: Access }> {
  if (!caller || caller.token || !isUuid(workspaceId)) throw new AppError('not_found', 'Workspace not found');
  const db: Db | Tx = tx ?? (await getDb());
  const query = db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  // Membership changes lock the workspace, so two owners demoting each other cannot leave none.
  const [workspace] = tx ? await query.for('update') : await query;
  if (!workspace) throw new AppError('not_found', 'Workspace not found');
  if (caller.isAdmin) return { ...workspace, access: 'own' };
  const [member] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, caller.userId)));
  const access = member ? accessOf(member.role) : null;
  if (!allows(access, need)) throw new AppError('not_found', 'Workspace not found');
  return { ...workspace, access: access! };
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
