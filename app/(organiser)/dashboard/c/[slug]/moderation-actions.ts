'use server';

import { refresh } from 'next/cache';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import { retryFailedMail } from '@/lib/mail/mail-health';
import { hideSignerName, includeHeldSignatures, invalidateSignatures } from '@/lib/signatures/moderate-signatures';
import { requireSignedIn } from '../../page-helpers';

/** Counts a held signature after all (it went over an abuse limit, but the organiser knows it). */
export async function includeHeldAction(slug: string, id: string): Promise<void> {
  requireText(slug);
  requireText(id);
  const caller = await requireSignedIn();
  await orNotFound(includeHeldSignatures(caller, slug, { ids: [id] }));
  refresh();
}

async function setNameHidden(slug: string, id: string, hidden: boolean): Promise<void> {
  requireText(slug);
  requireText(id);
  const caller = await requireSignedIn();
  await orNotFound(hideSignerName(caller, slug, id, { hidden }));
  refresh();
}

/** Hides an abusive public name: the signature still counts, the name is never shown in public. */
export async function hideNameAction(slug: string, id: string): Promise<void> {
  await setNameHidden(slug, id, true);
}

export async function showNameAction(slug: string, id: string): Promise<void> {
  await setNameHidden(slug, id, false);
}

export async function retryFailedMailAction(slug: string): Promise<void> {
  requireText(slug);
  const caller = await requireSignedIn();
  await orNotFound(retryFailedMail(caller, slug));
  refresh();
}

export type InvalidationState =
  | { status: 'idle' }
  | { status: 'invalid'; fields: string[] }
  | { status: 'preview' | 'done'; matched: number; counted: number; invalidated: number; values: Record<string, string> };

const FILTER_FIELDS = ['clientHash', 'emailDomain', 'country', 'from', 'to'] as const;

/** Previews (the default button) or applies a bulk invalidation; the form keeps what was typed. */
export async function invalidateAction(slug: string, _previous: InvalidationState, form: FormData): Promise<InvalidationState> {
  requireText(slug);
  requireForm(form);
  const caller = await requireSignedIn();
  const values: Record<string, string> = {};
  const filter: Record<string, string> = {};
  for (const field of [...FILTER_FIELDS, 'reason'] as const) {
    const raw = form.get(field);
    const value = typeof raw === 'string' ? raw.trim() : '';
    values[field] = value;
    if (value && field !== 'reason') filter[field] = field === 'from' || field === 'to' ? `${value}:00Z` : field === 'country' ? value.toUpperCase() : value;
  }
  const apply = form.get('intent') === 'apply';
  try {
    const result = await orNotFound(invalidateSignatures(caller, slug, { filter, reason: values.reason || null, dryRun: !apply }));
    if (apply) refresh();
    return { status: apply ? 'done' : 'preview', ...result, values };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      const fields = Object.keys(error.fields ?? {}).map((key) => key.replace(/^filter\.?/, '') || 'filter');
      return { status: 'invalid', fields };
    }
    throw error;
  }
}
