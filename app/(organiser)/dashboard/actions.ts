'use server';

import { refresh } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { inviteOrganiser } from '@/lib/auth/invite-organiser';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { FROZEN_FIELDS_MESSAGE, updateCampaign } from '@/lib/campaigns/update-campaign';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import { resolveLocale } from '@/lib/i18n/request';
import { campaignFormFields, type CampaignFormField } from './campaign-fields';
import { requireSignedIn } from './page-helpers';

export type { CampaignFormField };

/** Why a field was refused; the form words it in the organiser's language. */
export type CampaignFieldError = 'required' | 'invalid' | 'taken' | 'locked';

/** What the form shows again after a refused submit: the text as typed, and why it was refused. */
export type CampaignFormState = {
  values: Partial<Record<CampaignFormField, string>>;
  errors: Partial<Record<CampaignFormField, CampaignFieldError>>;
};

export type InviteFormState = {
  email: string;
  error?: 'invalid';
  result?: { email: string; status: 'invited' | 'already-invited' };
};

function isCampaignField(key: string): key is CampaignFormField {
  return (campaignFormFields as readonly string[]).includes(key);
}

function readValues(form: FormData): CampaignFormState['values'] {
  const values: CampaignFormState['values'] = {};
  for (const field of campaignFormFields) {
    const value = form.get(field);
    // Locked fields are rendered disabled and not sent: leaving them out means "unchanged".
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const orNull = (text: string) => (text.trim() ? text : null);

/** Form strings to the shape the campaign schema expects; the schema does the validating. */
function toCampaignInput(values: CampaignFormState['values']): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const { slug, title, summary, letter, addressees, demands, organisedBy, goal, deadline, language } = values;
  if (slug !== undefined) input.slug = slug;
  if (title !== undefined) input.title = title;
  if (summary !== undefined) input.summary = orNull(summary);
  // Browsers send textarea line breaks as CRLF; the stored letter uses LF.
  if (letter !== undefined) input.letter = letter.replace(/\r\n?/g, '\n');
  if (addressees !== undefined) input.addressees = lines(addressees);
  if (demands !== undefined) input.demands = lines(demands);
  if (organisedBy !== undefined) input.organisedBy = orNull(organisedBy);
  if (goal !== undefined) input.goal = goal.trim() ? Number(goal.trim()) : null;
  if (deadline !== undefined) input.deadline = deadline.trim() ? deadline.trim() : null;
  if (language !== undefined) input.language = language;
  return input;
}

/**
 * Expected refusals become form state; a campaign the caller may not touch is a 404.
 * lib/ words its messages in English, so only the kind of each problem is kept.
 */
function refusal(error: unknown, values: CampaignFormState['values']): CampaignFormState['errors'] {
  if (error instanceof AppError) {
    if ((error.code === 'validation' || error.code === 'conflict') && error.fields) {
      const errors: CampaignFormState['errors'] = {};
      const locked = error.code === 'validation' && error.message === FROZEN_FIELDS_MESSAGE;
      for (const key of Object.keys(error.fields)) {
        if (!isCampaignField(key)) throw error;
        const empty = !(values[key] ?? '').trim();
        errors[key] = error.code === 'conflict' ? 'taken' : locked ? 'locked' : empty ? 'required' : 'invalid';
      }
      return errors;
    }
    if (error.code === 'not_found') notFound();
    if (error.code === 'unauthenticated') redirect('/login');
  }
  throw error;
}

export async function createCampaignAction(_previous: CampaignFormState, form: FormData): Promise<CampaignFormState> {
  requireForm(form);
  const values = readValues(form);
  const caller = await requireSignedIn();
  let slug: string;
  try {
    slug = (await createCampaign(caller, toCampaignInput(values))).slug;
  } catch (error) {
    return { values, errors: refusal(error, values) };
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
  const values = readValues(form);
  const caller = await requireSignedIn();
  let slug: string;
  try {
    slug = (await updateCampaign(caller, currentSlug, toCampaignInput(values))).slug;
  } catch (error) {
    return { values, errors: refusal(error, values) };
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
