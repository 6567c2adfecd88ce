import { asc, count, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { workspaceMembers, workspaces } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { accessOf, type Access } from './access';

export type WorkspaceSummary = { id: string; name: string; access: Access; role: 'owner' | 'editor' | 'viewer' | null; members: number };

/**
 * The workspaces the caller belongs to, by name. An administrator sees every workspace (with
 * `role` null where they are not a member): they keep full access.
 */
export async function listWorkspaces(caller: Caller | null): Promise<WorkspaceSummary[]> {
  if (!caller || caller.token) throw new AppError('unauthenticated', 'Sign in first');
  const db = await getDb();
  const sizes = db
    .select({ workspaceId: workspaceMembers.workspaceId, members: count().as('members') })
    .from(workspaceMembers)
    .groupBy(workspaceMembers.workspaceId)
    .as('sizes');
  const mine = await db
    .select({ id: workspaces.id, name: workspaces.name, role: workspaceMembers.role, members: sizes.members })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .innerJoin(sizes, eq(sizes.workspaceId, workspaces.id))
    .where(eq(workspaceMembers.userId, caller.userId))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
  const summaries: WorkspaceSummary[] = mine.map((row) => ({ ...row, members: Number(row.members), access: accessOf(row.role) }));
  if (!caller.isAdmin) return summaries;
  const all = await db
    .select({ id: workspaces.id, name: workspaces.name, members: sizes.members })
    .from(workspaces)
    .leftJoin(sizes, eq(sizes.workspaceId, workspaces.id))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
  const member = new Map(summaries.map((s) => [s.id, s]));
  return all.map((row) => member.get(row.id) ?? { id: row.id, name: row.name, role: null, access: 'own', members: Number(row.members ?? 0) });
}
