'use server';

import { redirect } from 'next/navigation';
import { requireText } from '@/lib/http/action-args';
import { acceptInvitation } from '@/lib/workspaces/accept-invitation';
import { requireSignedIn } from '../../page-helpers';

/** Joins the workspace (a POST from the invitation page, never a GET: mail scanners follow links). */
export async function acceptInvitationAction(token: string): Promise<void> {
  requireText(token);
  const caller = await requireSignedIn();
  const result = await acceptInvitation(caller, token);
  redirect(result.status === 'accepted' ? `/dashboard/w/${result.workspaceId}` : `/dashboard/invitations/${encodeURIComponent(token)}`);
}
