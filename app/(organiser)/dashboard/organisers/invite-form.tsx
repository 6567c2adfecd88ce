'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { inviteOrganiserAction, type InviteFormState } from '../actions';

export function InviteForm() {
  const t = useTranslations('organiser.organisers');
  const [state, formAction, pending] = useActionState(inviteOrganiserAction, { email: '' } satisfies InviteFormState);
  const invalid = state.error === 'invalid';
  return (
    <form action={formAction} className="organiser-form organiser-inline-form" key={JSON.stringify(state)} noValidate>
      {state.result ? (
        <p className="notice notice-success" role="status">
          {state.result.status === 'invited'
            ? t('invited', { email: state.result.email })
            : t('alreadyInvited', { email: state.result.email })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="invite-email">{t('email')}</label>
        <input
          id="invite-email"
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={state.email}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'invite-email-error' : undefined}
        />
        {invalid ? (
          <p id="invite-email-error" className="field-error" role="alert">
            {t('invalidEmail')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('invite')}
      </button>
    </form>
  );
}
