'use server';

import { refresh } from 'next/cache';
import { shareCampaign, unshareCampaign } from '@/lib/campaigns/share-campaign';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formText } from '@/lib/http/form-data';
import { orNotFound } from '@/lib/http/or-not-found';
import { requireSignedIn } from '../../page-helpers';

export type SharingState = { values: { workspaceId: string; role: string }; error?: string; shared?: string };

/** An owner shares the campaign with a partner workspace by its ID, as editor or viewer. */
export async function shareCampaignAction(slug: string, _previous: SharingState, form: FormData): Promise<SharingState> {
  requireText(slug);
  requireForm(form);
  const values = { workspaceId: formText(form, 'workspaceId') ?? '', role: formText(form, 'role') ?? '' };
  const caller = await requireSignedIn();
  try {
    const share = await orNotFound(shareCampaign(caller, slug, values));
    refresh();
    return { values: { workspaceId: '', role: values.role }, shared: share.name };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      return { values, error: Object.values(error.fields ?? {}).flat()[0] ?? error.message };
    }
    throw error;
  }
}

export async function unshareCampaignAction(slug: string, workspaceId: string): Promise<void> {
  requireText(slug);
  requireText(workspaceId);
  const caller = await requireSignedIn();
  await orNotFound(unshareCampaign(caller, slug, workspaceId));
  refresh();
}
