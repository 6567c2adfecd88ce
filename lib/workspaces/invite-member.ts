import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users, workspaceInvitations, workspaceMembers } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { parseInput } from '@/lib/schemas/field-errors';
import { inviteMemberSchema } from '@/lib/schemas/workspace';
import { createToken } from '@/lib/signatures/create-token';
import { isUuid, requireWorkspaceRole } from './require-workspace-role';

export const INVITATION_DAYS = 7;

/**
 * An owner invites an address with a role. The mailed link carries the only copy of the token
 * (the table keeps its SHA-256); inviting the same address again replaces the open invitation.
 */
export async function inviteMember(
  caller: Caller | null,
  workspaceId: string,
  input: unknown,
  options: { locale: string },
): Promise<{ email: string; status: 'invited' | 'already-member' }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const workspace = await requireWorkspaceRole(caller, workspaceId, 'own', tx);
    const { email, role } = parseInput(inviteMemberSchema, input);
    const [member] = await tx
      .select({ userId: workspaceMembers.userId })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(users.email, email)));
    if (member) return { email, status: 'already-member' as const };
    await tx
      .delete(workspaceInvitations)
      .where(and(eq(workspaceInvitations.workspaceId, workspace.id), eq(workspaceInvitations.email, email), isNull(workspaceInvitations.acceptedAt)));
    const { token, tokenHash } = createToken();
    await tx.insert(workspaceInvitations).values({
      workspaceId: workspace.id,
      email,
      role,
      tokenHash,
      invitedBy: caller!.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
    });
    await enqueueMail(tx, email, {
      kind: 'workspace-invite',
      locale: options.locale,
      workspace: workspace.name,
      inviter: caller!.email,
      role,
      days: INVITATION_DAYS,
      url: `${getEnv().baseUrl}/dashboard/invitations/${token}`,
    });
    return { email, status: 'invited' as const };
  });
}

/** An owner withdraws an invitation that has not been accepted yet. */
export async function cancelInvitation(caller: Caller | null, workspaceId: string, invitationId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const workspace = await requireWorkspaceRole(caller, workspaceId, 'own', tx);
    if (!isUuid(invitationId)) throw new AppError('not_found', 'Invitation not found');
    await tx
      .delete(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.workspaceId, workspace.id),
          eq(workspaceInvitations.id, invitationId),
          isNull(workspaceInvitations.acceptedAt),
        ),
      );
  });
}

