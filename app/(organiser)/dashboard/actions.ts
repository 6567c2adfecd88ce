'use server';

import { refresh } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { inviteOrganiser } from '@/lib/auth/invite-organiser';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { deleteCampaign } from '@/lib/campaigns/delete-campaign';
import { FROZEN_FIELDS_MESSAGE, updateCampaign } from '@/lib/campaigns/update-campaign';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import { resolveLocale } from '@/lib/i18n/request';
import { isFieldRefusal, readCampaignForm, toCampaignInput, toFormErrors, type CampaignFormState, type CampaignFormValues } from '@/lib/http/read-campaign-form';
import { requireSignedIn } from './page-helpers';

export type { CampaignFieldError, CampaignFormState } from '@/lib/http/read-campaign-form';

export type InviteFormState = {
  email: string;
  error?: 'invalid';
  result?: { email: string; status: 'invited' | 'already-invited' };
};

/** Expected refusals become form state; a campaign the caller may not touch is a 404. */
function refused(error: unknown, values: CampaignFormValues, input: Record<string, unknown>): CampaignFormState {
  if (isFieldRefusal(error)) {
    const shown = toFormErrors(error, values, input, FROZEN_FIELDS_MESSAGE);
    if (shown) return { values, ...shown };
  }
  if (error instanceof AppError) {
    if (error.code === 'not_found') notFound();
    if (error.code === 'unauthenticated') redirect('/login');
  }
  throw error;
}

export async function createCampaignAction(_previous: CampaignFormState, form: FormData): Promise<CampaignFormState> {
  requireForm(form);
  const values = readCampaignForm(form);
  const input = toCampaignInput(values);
  const caller = await requireSignedIn();
  let slug: string;
  try {
    slug = (await createCampaign(caller, input)).slug;
  } catch (error) {
    return refused(error, values, input);
  }
  redirect(`/dashboard/c/${slug}`);
}

export async function updateCampaignAction(
  currentSlug: string,
  _previous: CampaignFormState,
  form: FormData,
): Promise<CampaignFormState> {
  requireText(currentSlug);
  requireForm(form);
  const values = readCampaignForm(form);
  const input = toCampaignInput(values);
  const caller = await requireSignedIn();
  let slug: string;
  try {
    slug = (await updateCampaign(caller, currentSlug, input)).slug;
  } catch (error) {
    return refused(error, values, input);
  }
  redirect(`/dashboard/c/${slug}`);
}

async function setStatus(slug: string, status: 'published' | 'closed'): Promise<void> {
  requireText(slug);
  const caller = await requireSignedIn();
  await orNotFound(updateCampaign(caller, slug, { status }));
  refresh();
}

/** Publishes a draft, or reopens a closed campaign. */
export async function publishCampaignAction(slug: string): Promise<void> {
  await setStatus(slug, 'published');
}

export async function closeCampaignAction(slug: string): Promise<void> {
  await setStatus(slug, 'closed');
}

export type DeleteCampaignFormState = { error?: string };

/** Deletes a letter and destroys its key; the organiser typed its address to confirm. */
export async function deleteCampaignAction(slug: string, _previous: DeleteCampaignFormState, form: FormData): Promise<DeleteCampaignFormState> {
  requireText(slug);
  requireForm(form);
  const caller = await requireSignedIn();
  const confirm = form.get('confirm');
  try {
    await orNotFound(deleteCampaign(caller, slug, { confirm: typeof confirm === 'string' ? confirm : '' }));
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { error: error.fields?.confirm?.[0] ?? error.message };
    throw error;
  }
  redirect('/dashboard');
}

export async function inviteOrganiserAction(_previous: InviteFormState, form: FormData): Promise<InviteFormState> {
  requireForm(form);
  const raw = form.get('email');
  const email = typeof raw === 'string' ? raw : '';
  const caller = await requireSignedIn();
  let result: InviteFormState['result'];
  try {
    result = await orNotFound(inviteOrganiser(caller, { email }, { locale: await resolveLocale() }));
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { email, error: 'invalid' };
    throw error;
  }
  refresh();
  return { email: '', result };
}

export type WorkspaceFormState = { name: string; error?: 'invalid' };

/** A new workspace, with the caller as its owner; its page opens next. */
export async function createWorkspaceAction(_previous: WorkspaceFormState, form: FormData): Promise<WorkspaceFormState> {
  requireForm(form);
  const raw = form.get('name');
  const name = typeof raw === 'string' ? raw : '';
  const caller = await requireSignedIn();
  let id: string;
  try {
    id = (await createWorkspace(caller, { name })).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { name, error: 'invalid' };
    throw error;
  }
  redirect(`/dashboard/w/${id}`);
}
