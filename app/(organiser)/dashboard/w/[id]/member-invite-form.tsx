'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { MemberInviteState } from './workspace-actions';

type Props = { action: (previous: MemberInviteState, form: FormData) => Promise<MemberInviteState> };

export function MemberInviteForm({ action }: Props) {
  const t = useTranslations('organiser.workspaces');
  const [state, formAction, pending] = useActionState(action, { values: { email: '', role: 'editor' } } satisfies MemberInviteState);
  const invalid = state.error === 'invalid';
  return (
    <form action={formAction} className="organiser-form organiser-inline-form" key={JSON.stringify(state)} noValidate>
      {state.result ? (
        <p className="notice notice-success" role="status">
          {state.result.status === 'invited' ? t('invited', { email: state.result.email }) : t('alreadyMember', { email: state.result.email })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="member-email">{t('email')}</label>
        <input
          id="member-email"
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values.email}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'member-email-error' : undefined}
        />
        {invalid ? (
          <p id="member-email-error" className="field-error" role="alert">
            {t('invalidInvite')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="member-role">{t('role')}</label>
        <select id="member-role" name="role" defaultValue={state.values.role || 'editor'}>
          {(['viewer', 'editor', 'owner'] as const).map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('invite')}
      </button>
    </form>
  );
}
