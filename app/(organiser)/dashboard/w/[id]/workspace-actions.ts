'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formText } from '@/lib/http/form-data';
import { orNotFound } from '@/lib/http/or-not-found';
import { resolveLocale } from '@/lib/i18n/request';
import { changeMemberRole, removeMember } from '@/lib/workspaces/change-member-role';
import { cancelInvitation, inviteMember } from '@/lib/workspaces/invite-member';
import { requireSignedIn } from '../../page-helpers';

export type MemberInviteState = {
  values: { email: string; role: string };
  error?: 'invalid';
  result?: { email: string; status: 'invited' | 'already-member' };
};

export type TokenFormState = { values: { name: string; role: string }; error?: 'invalid'; created?: { token: string; name: string } };

const isRefusal = (error: unknown, ...codes: string[]) => error instanceof AppError && codes.includes(error.code);

/** An owner invites an address; the form says whether it was mailed or is already a member. */
export async function inviteMemberAction(workspaceId: string, _previous: MemberInviteState, form: FormData): Promise<MemberInviteState> {
  requireText(workspaceId);
  requireForm(form);
  const values = { email: formText(form, 'email') ?? '', role: formText(form, 'role') ?? '' };
  const caller = await requireSignedIn();
  try {
    const result = await orNotFound(inviteMember(caller, workspaceId, values, { locale: await resolveLocale() }));
    refresh();
    return { values: { email: '', role: values.role }, result };
  } catch (error) {
    if (isRefusal(error, 'validation')) return { values, error: 'invalid' };
    throw error;
  }
}

export async function cancelInvitationAction(workspaceId: string, invitationId: string): Promise<void> {
  requireText(workspaceId);
  requireText(invitationId);
  const caller = await requireSignedIn();
  await orNotFound(cancelInvitation(caller, workspaceId, invitationId));
  refresh();
}

/** Changes a member's role; refusing to leave the workspace without an owner is said on the page. */
export async function changeMemberRoleAction(workspaceId: string, userId: string, form: FormData): Promise<void> {
  requireText(workspaceId);
  requireText(userId);
  requireForm(form);
  const caller = await requireSignedIn();
  try {
    await orNotFound(changeMemberRole(caller, workspaceId, { userId, role: formText(form, 'role') ?? '' }));
  } catch (error) {
    if (isRefusal(error, 'conflict')) redirect(`/dashboard/w/${workspaceId}?refused=last-owner#members`);
    if (isRefusal(error, 'validation')) redirect(`/dashboard/w/${workspaceId}?refused=role#members`);
    throw error;
  }
  refresh();
}

/** Removes a member (an owner), or leaves the workspace (anyone but its last owner). */
export async function removeMemberAction(workspaceId: string, userId: string): Promise<void> {
  requireText(workspaceId);
  requireText(userId);
  const caller = await requireSignedIn();
  try {
    await orNotFound(removeMember(caller, workspaceId, userId));
  } catch (error) {
    if (isRefusal(error, 'conflict')) redirect(`/dashboard/w/${workspaceId}?refused=last-owner#members`);
    throw error;
  }
  if (userId === caller.userId) redirect('/dashboard');
  refresh();
}

/** Makes an API token and shows it this once. */
export async function createApiTokenAction(workspaceId: string, _previous: TokenFormState, form: FormData): Promise<TokenFormState> {
  requireText(workspaceId);
  requireForm(form);
  const values = { name: formText(form, 'name') ?? '', role: formText(form, 'role') ?? '' };
  const caller = await requireSignedIn();
  try {
    const { token, summary } = await orNotFound(createApiToken(caller, workspaceId, values));
    refresh();
    return { values: { name: '', role: values.role }, created: { token, name: summary.name } };
  } catch (error) {
    if (isRefusal(error, 'validation')) return { values, error: 'invalid' };
    throw error;
  }
}

export async function revokeApiTokenAction(workspaceId: string, tokenId: string): Promise<void> {
  requireText(workspaceId);
  requireText(tokenId);
  const caller = await requireSignedIn();
  await orNotFound(revokeApiToken(caller, workspaceId, tokenId));
  refresh();
}
