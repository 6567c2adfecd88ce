'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { requestSignInLinkAction, type SignInFormState } from '../auth-actions';

export function LoginForm() {
  const t = useTranslations('organiser.login');
  const [state, formAction, pending] = useActionState(requestSignInLinkAction, { email: '' } satisfies SignInFormState);
  const invalid = state.error === 'invalid';
  return (
    <form action={formAction} className="organiser-form" noValidate>
      <div className="field">
        <label htmlFor="email">{t('email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={state.email}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'email-error' : undefined}
        />
        {invalid ? (
          <p id="email-error" className="field-error" role="alert">
            {t('invalidEmail')}
          </p>
        ) : null}
      </div>
      {state.error === 'rate-limited' ? (
        <p className="notice notice-error" role="alert">
          {t('rateLimited')}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('sending') : t('submit')}
      </button>
    </form>
  );
}
