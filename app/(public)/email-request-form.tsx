'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';

/** What asking for a mailed link or answer by address comes to: the same whether or not the address signed. */
export type EmailRequestState =
  | { status: 'idle' }
  | { status: 'sent' }
  | { status: 'invalid'; email: string; error: 'required' | 'invalid' }
  | { status: 'failed' | 'rate-limited'; email: string };

type Props = {
  /**
   * The server action, bound by the page when it needs arguments. Binding here, during render, would
   * make a new action on every render: after a post without JavaScript, React's server render then
   * suspends on each new action's bound arguments, retries, and never finishes.
   */
  action: (previous: EmailRequestState, form: FormData) => Promise<EmailRequestState>;
  /** Where a submission made before JavaScript loads lands: this page. */
  permalink: string;
  /** Whose words the form speaks: a withdrawal, or a request for one's data. */
  messages: 'withdraw.request' | 'myData.request';
  id: string;
};

const initialState: EmailRequestState = { status: 'idle' };

/** Works without JavaScript too: the form posts to the server action and the page re-renders. */
export function EmailRequestForm({ action: request, permalink, messages, id }: Props) {
  const t = useTranslations(messages);
  const [state, action, pending] = useActionState(request, initialState, permalink);
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
        <label htmlFor={`${id}-email`}>{t('email')}</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.status === 'invalid' || state.status === 'failed' || state.status === 'rate-limited' ? state.email : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-email-error` : undefined}
        />
        {error ? (
          <p id={`${id}-email-error`} className="field-error">
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
