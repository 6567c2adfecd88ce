'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { WithdrawRequestState } from './actions';

type Props = {
  /**
   * `requestWithdrawalAction` bound to the slug by the page. Binding here, during render, would make a
   * new action on every render: after a post without JavaScript, React's server render then suspends
   * on each new action's bound arguments, retries, and never finishes.
   */
  action: (previous: WithdrawRequestState, form: FormData) => Promise<WithdrawRequestState>;
  /** Where a submission made before JavaScript loads lands: this page. */
  permalink: string;
};

const initialState: WithdrawRequestState = { status: 'idle' };

/** Works without JavaScript too: the form posts to the server action and the page re-renders. */
export function WithdrawForm({ action: requestWithdrawal, permalink }: Props) {
  const t = useTranslations('withdraw.request');
  const [state, action, pending] = useActionState(requestWithdrawal, initialState, permalink);
  if (state.status === 'sent') {
    return (
      <p className="notice notice-success" role="status">
        {t('sent')}
      </p>
    );
  }
  const error = state.status === 'invalid' ? (state.error === 'required' ? t('errorRequired') : t('errorInvalid')) : null;
  return (
    <form action={action} noValidate>
      {state.status === 'failed' || state.status === 'rate-limited' ? (
        <p className="notice notice-error" role="alert">
          {state.status === 'failed' ? t('failed') : t('rateLimited')}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="withdraw-email">{t('email')}</label>
        <input
          id="withdraw-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.status === 'invalid' || state.status === 'failed' || state.status === 'rate-limited' ? state.email : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'withdraw-email-error' : undefined}
        />
        {error ? (
          <p id="withdraw-email-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
