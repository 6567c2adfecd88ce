import { getDb, type Tx } from '@/db/client';
import { workspaceMembers, workspaces } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/schemas/field-errors';
import { createWorkspaceSchema } from '@/lib/schemas/workspace';

/** A new workspace (an organisation) with the caller as its first owner. */
export async function createWorkspace(caller: Caller | null, input: unknown): Promise<{ id: string; name: string }> {
  if (!caller || caller.token) throw new AppError('not_found', 'Not found');
  const { name } = parseInput(createWorkspaceSchema, input);
  const db = await getDb();
  return db.transaction((tx) => insertWorkspace(tx, caller.userId, name));
}

export async function insertWorkspace(tx: Tx, userId: string, name: string): Promise<{ id: string; name: string }> {
  const [workspace] = await tx.insert(workspaces).values({ name, createdBy: userId }).returning({ id: workspaces.id, name: workspaces.name });
  await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId, role: 'owner' });
  return workspace;
}
