'use server';

import { headers } from 'next/headers';
import { AppError } from '@/lib/errors';
import { requireForm } from '@/lib/http/action-args';
import { formToObject } from '@/lib/http/form-data';
import { resolveLocale } from '@/lib/i18n/request';
import { describeError, log } from '@/lib/log';
import { requestSignerData } from '@/lib/privacy/request-signer-data';
import { clientKey } from '@/lib/rate-limit/client-address';
import type { EmailRequestState } from '../email-request-form';

/** Asks for the data held about an address; the answer is mailed to it. */
export async function requestSignerDataAction(_previous: EmailRequestState, form: FormData): Promise<EmailRequestState> {
  requireForm(form);
  const data = formToObject(form);
  const email = typeof data.email === 'string' ? data.email : '';
  try {
    await requestSignerData({ email }, { locale: await resolveLocale(), client: clientKey(await headers()) });
    return { status: 'sent' };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      return { status: 'invalid', email, error: email.trim() ? 'invalid' : 'required' };
    }
    if (error instanceof AppError && error.code === 'rate_limited') return { status: 'rate-limited', email };
    log('error', 'data request failed', { error: describeError(error) });
    return { status: 'failed', email };
  }
}
