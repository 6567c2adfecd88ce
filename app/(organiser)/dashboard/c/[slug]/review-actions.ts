'use server';

import { refresh } from 'next/cache';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formText } from '@/lib/http/form-data';
import { orNotFound } from '@/lib/http/or-not-found';
import { reviewSignature } from '@/lib/signatures/review-signature';
import { requireSignedIn } from '../../page-helpers';

export type ReviewState = { status: 'idle' | 'approved' | 'rejected' } | { status: 'invalid'; fields: string[]; message?: string };

const CORRECTABLE = ['honorific', 'givenName', 'familyName', 'title', 'affiliation', 'organisationName'] as const;

/**
 * Approves (with the spelling as corrected in the form) or rejects (with the reason, which the
 * signer is mailed) one signature waiting for review. Works without JavaScript.
 */
export async function reviewAction(slug: string, id: string, _previous: ReviewState, form: FormData): Promise<ReviewState> {
  requireText(slug);
  requireText(id);
  requireForm(form);
  const caller = await requireSignedIn();
  const decision = form.get('decision') === 'reject' ? 'reject' : 'approve';
  const text = (name: string) => formText(form, name);
  const corrections: Record<string, string> = {};
  for (const field of CORRECTABLE) {
    const value = text(field);
    if (value !== undefined) corrections[field] = value;
  }
  try {
    await orNotFound(
      reviewSignature(caller, slug, id, decision === 'approve' ? { decision, corrections } : { decision, reason: text('reason') ?? '' }),
    );
  } catch (error) {
    if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
      const fields = error.fields ? Object.keys(error.fields) : [];
      const nested = Object.values(error.fields ?? {}).flat();
      return { status: 'invalid', fields, message: error.code === 'conflict' ? error.message : nested[0] };
    }
    throw error;
  }
  refresh();
  return { status: decision === 'approve' ? 'approved' : 'rejected' };
}
