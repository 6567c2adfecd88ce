'use server';

import { headers } from 'next/headers';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formToObject } from '@/lib/http/form-data';
import { resolveLocale } from '@/lib/i18n/request';
import { clientKey } from '@/lib/rate-limit/client-address';
import { describeError, log } from '@/lib/log';
import { requestWithdrawal } from '@/lib/signatures/withdraw-signature';
import type { EmailRequestState } from '../../../email-request-form';

/** Asks for a withdrawal link. The answer is the same whether or not the address signed. */
export async function requestWithdrawalAction(slug: string, _previous: EmailRequestState, form: FormData): Promise<EmailRequestState> {
  requireText(slug);
  requireForm(form);
  const data = formToObject(form);
  const email = typeof data.email === 'string' ? data.email : '';
  try {
    await requestWithdrawal(slug, { email }, { locale: await resolveLocale(), client: clientKey(await headers()) });
    return { status: 'sent' };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      return { status: 'invalid', email, error: email.trim() ? 'invalid' : 'required' };
    }
    if (error instanceof AppError && error.code === 'rate_limited') return { status: 'rate-limited', email };
    log('error', 'withdrawal request failed', { slug, error: describeError(error) });
    return { status: 'failed', email };
  }
}
