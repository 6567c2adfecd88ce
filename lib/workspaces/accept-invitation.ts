import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisers, workspaceInvitations, workspaceMembers, workspaces } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { hashToken, isWellFormedToken } from '@/lib/signatures/create-token';
import type { WorkspaceRole } from './access';

export type InvitationState =
  | { status: 'open'; workspace: string; role: WorkspaceRole }
  | { status: 'wrong-account' | 'expired' | 'used' | 'not-found' };

async function findByToken(token: string) {
  if (typeof token !== 'string' || !isWellFormedToken(token)) return undefined;
  const db = await getDb();
  const [row] = await db
    .select({ invitation: workspaceInvitations, workspace: workspaces.name })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .where(eq(workspaceInvitations.tokenHash, hashToken(token)));
  return row;
}

/**
 * What the invitation page shows. Only the invited address, signed in, learns which workspace
 * invites it; anyone else holding the link is told to sign in with the invited address.
 */
export async function findInvitation(caller: Caller | null, token: string): Promise<InvitationState> {
  if (!caller || caller.token) throw new AppError('unauthenticated', 'Sign in first');
  const row = await findByToken(token);
  if (!row) return { status: 'not-found' };
  if (row.invitation.email !== caller.email.toLowerCase()) return { status: 'wrong-account' };
  if (row.invitation.acceptedAt) return { status: 'used' };
  if (row.invitation.expiresAt.getTime() <= Date.now()) return { status: 'expired' };
  return { status: 'open', workspace: row.workspace, role: row.invitation.role };
}

/**
 * The invited address, signed in, joins the workspace with the invited role. The conditional
 * update lets a link be used once, whatever the double clicks. The address stays able to sign in.
 */
export async function acceptInvitation(
  caller: Caller | null,
  token: string,
): Promise<{ status: 'accepted'; workspaceId: string } | { status: Exclude<InvitationState['status'], 'open'> }> {
  const state = await findInvitation(caller, token);
  if (state.status !== 'open') return state;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [accepted] = await tx
      .update(workspaceInvitations)
      .set({ acceptedAt: sql`now()`, acceptedBy: caller!.userId })
      .where(
        and(
          eq(workspaceInvitations.tokenHash, hashToken(token)),
          eq(workspaceInvitations.email, caller!.email.toLowerCase()),
          isNull(workspaceInvitations.acceptedAt),
          gt(workspaceInvitations.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!accepted) return { status: 'used' as const };
    // Already a member: the role they have stays; owners change roles on the workspace page.
    const [joined] = await tx
      .insert(workspaceMembers)
      .values({ workspaceId: accepted.workspaceId, userId: caller!.userId, role: accepted.role })
      .onConflictDoNothing()
      .returning({ role: workspaceMembers.role });
    await tx.insert(organisers).values({ email: accepted.email, invitedBy: accepted.invitedBy }).onConflictDoNothing({ target: organisers.email });
    if (joined) {
      const details = { userId: caller!.userId, from: null, to: joined.role, invitation: accepted.id };
      await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'role.change', workspaceId: accepted.workspaceId, details });
    }
    return { status: 'accepted' as const, workspaceId: accepted.workspaceId };
  });
}
