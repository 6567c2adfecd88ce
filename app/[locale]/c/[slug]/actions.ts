'use server';

import { headers } from 'next/headers';
import { captchaWidget, verifyCaptcha } from '@/lib/captcha/verify-captcha';
import { AppError } from '@/lib/errors';
import { noteDatabaseError } from '@/lib/health/database-status';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formToObject } from '@/lib/http/form-data';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { clientKey } from '@/lib/rate-limit/client-address';
import { describeError, log } from '@/lib/log';
import { signCampaign } from '@/lib/signatures/sign-campaign';

/** A field hidden from people; bots that fill every input fill it too. */
const HONEYPOT_FIELD = 'website';

export type SignField = 'givenName' | 'familyName' | 'email' | 'country' | 'title' | 'visibility' | 'consent' | 'updates';

/** What the signer typed, sent back so a failed submission loses nothing (also without JavaScript). */
export type SignFormValues = {
  givenName: string;
  familyName: string;
  email: string;
  country: string;
  title: string;
  visibility: string;
  consent: boolean;
  updates: boolean;
};

export type SignFormState =
  | { status: 'idle' }
  | { status: 'sent'; email: string }
  | {
      status: 'invalid' | 'closed' | 'rate-limited' | 'failed' | 'captcha';
      values: SignFormValues;
      /** Per field, whether it was left empty or filled wrongly; the form words the message in the reader's language. */
      fieldErrors: Partial<Record<SignField, 'required' | 'invalid'>>;
    };

const FIELDS: readonly SignField[] = ['givenName', 'familyName', 'email', 'country', 'title', 'visibility', 'consent', 'updates'];

function isField(key: string): key is SignField {
  return (FIELDS as readonly string[]).includes(key);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Signs the campaign: parse the form, let the domain decide, return what the form should show.
 * `locale` is the page's language, from its address: the confirmation mail is written in it.
 */
export async function signAction(slug: string, locale: string, _previous: SignFormState, form: FormData): Promise<SignFormState> {
  requireText(slug);
  requireText(locale);
  requireForm(form);
  const { [HONEYPOT_FIELD]: honeypot, ...data } = formToObject(form, ['consent', 'updates']);
  // Only software fills the field people cannot see: answer as usual, store and mail nothing.
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    log('info', 'sign form honeypot filled: submission dropped', { slug });
    return { status: 'sent', email: text(data.email).trim() };
  }
  const values: SignFormValues = {
    givenName: text(data.givenName),
    familyName: text(data.familyName),
    email: text(data.email),
    country: text(data.country),
    title: text(data.title),
    visibility: text(data.visibility),
    consent: data.consent === true,
    updates: data.updates === true,
  };

  // The optional CAPTCHA (off unless configured) is the form's business, not the domain's.
  const captcha = captchaWidget();
  if (captcha) {
    delete data[captcha.field];
    if (!(await verifyCaptcha(form))) return { status: 'captcha', values, fieldErrors: {} };
  }

  try {
    await signCampaign(slug, data, { locale: isLocale(locale) ? locale : defaultLocale, client: clientKey(await headers()) });
    // The same answer whether or not this address had already signed: the form must not reveal who signed.
    return { status: 'sent', email: values.email.trim() };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === 'validation') {
        const fieldErrors: Partial<Record<SignField, 'required' | 'invalid'>> = {};
        let unexpected = false;
        for (const key of Object.keys(error.fields ?? {})) {
          if (!isField(key)) {
            unexpected = true;
            continue;
          }
          const value = values[key];
          fieldErrors[key] = value === '' || value === false || String(value).trim() === '' ? 'required' : 'invalid';
        }
        if (!unexpected) return { status: 'invalid', values, fieldErrors };
      }
      if (error.code === 'campaign_closed' || error.code === 'not_found') return { status: 'closed', values, fieldErrors: {} };
      if (error.code === 'rate_limited') return { status: 'rate-limited', values, fieldErrors: {} };
    }
    // A database outage flips the app to fast 503s for the next requests (see proxy.ts).
    noteDatabaseError(error);
    log('error', 'signing from the form failed', { slug, error: describeError(error) });
    return { status: 'failed', values, fieldErrors: {} };
  }
}
