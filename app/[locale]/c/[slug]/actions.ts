'use server';

import { headers } from 'next/headers';
import { captchaWidget, verifyCaptcha } from '@/lib/captcha/verify-captcha';
import { AppError } from '@/lib/errors';
import { noteDatabaseError } from '@/lib/health/database-status';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formToObject } from '@/lib/http/form-data';
import { mapSignErrors, type SignFieldError } from '@/lib/http/map-sign-errors';
import { readSignForm, type SignField, type SignFormValues } from '@/lib/http/read-sign-form';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { clientKey } from '@/lib/rate-limit/client-address';
import { describeError, log } from '@/lib/log';
import { signCampaign } from '@/lib/signatures/sign-campaign';

/** A field hidden from people; bots that fill every input fill it too. */
const HONEYPOT_FIELD = 'website';

export type SignFormState =
  | { status: 'idle' }
  | { status: 'sent'; email: string }
  | {
      status: 'invalid' | 'closed' | 'rate-limited' | 'failed' | 'captcha';
      values: SignFormValues;
      /** Per field, whether it was left empty or filled wrongly; the form words the message in the reader's language. */
      fieldErrors: Partial<Record<SignField, SignFieldError>>;
    };

/**
 * Signs the campaign: parse the form, let the domain decide, return what the form should show.
 * `locale` is the page's language, from its address: the confirmation mail is written in it.
 */
export async function signAction(slug: string, locale: string, _previous: SignFormState, form: FormData): Promise<SignFormState> {
  requireText(slug);
  requireText(locale);
  requireForm(form);
  const { [HONEYPOT_FIELD]: honeypot, ...data } = formToObject(form, ['consent', 'updates']);
  const { input, values } = readSignForm(data);
  // Only software fills the field people cannot see: answer as usual, store and mail nothing.
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    log('info', 'sign form honeypot filled: submission dropped', { slug });
    return { status: 'sent', email: values.email.trim() };
  }

  // The optional CAPTCHA (off unless configured) is the form's business, not the domain's.
  if (captchaWidget() && !(await verifyCaptcha(form))) return { status: 'captcha', values, fieldErrors: {} };

  try {
    await signCampaign(slug, input, { locale: isLocale(locale) ? locale : defaultLocale, client: clientKey(await headers()) });
    // The same answer whether or not this address had already signed: the form must not reveal who signed.
    return { status: 'sent', email: values.email.trim() };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === 'validation') {
        const fieldErrors = mapSignErrors(error.fields ?? {}, input, values);
        if (fieldErrors) return { status: 'invalid', values, fieldErrors };
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
