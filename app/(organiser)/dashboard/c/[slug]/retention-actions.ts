'use server';

import { refresh } from 'next/cache';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import { setRetention } from '@/lib/privacy/set-retention';
import { requireSignedIn } from '../../page-helpers';

export type RetentionFormState = { error?: string; saved?: boolean };

/** Shortens or extends how long signers' personal data is kept after the letter ends. */
export async function setRetentionAction(slug: string, _previous: RetentionFormState, form: FormData): Promise<RetentionFormState> {
  requireText(slug);
  requireForm(form);
  const caller = await requireSignedIn();
  try {
    await orNotFound(setRetention(caller, slug, { months: form.get('months') ?? '' }));
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { error: error.fields?.months?.[0] ?? error.message };
    throw error;
  }
  refresh();
  return { saved: true };
}
