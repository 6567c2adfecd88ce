'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { TokenFormState } from './workspace-actions';

type Props = { action: (previous: TokenFormState, form: FormData) => Promise<TokenFormState>; roles: ('editor' | 'viewer')[] };

/** Creates an API token; the token is shown here once and never again. */
export function TokenForm({ action, roles }: Props) {
  const t = useTranslations('organiser.tokens');
  const [state, formAction, pending] = useActionState(action, { values: { name: '', role: roles[0] } } satisfies TokenFormState);
  const invalid = state.error === 'invalid';
  return (
    <form action={formAction} className="organiser-form organiser-inline-form" key={JSON.stringify(state.values)} noValidate>
      {state.created ? (
        <div className="notice notice-success" role="status">
          <p>{t('created', { name: state.created.name })}</p>
          <p>
            <code data-testid="new-token">{state.created.token}</code>
          </p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="token-name">{t('name')}</label>
        <input
          id="token-name"
          name="name"
          type="text"
          maxLength={120}
          required
          defaultValue={state.values.name}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'token-name-error' : 'token-name-hint'}
        />
        <p id="token-name-hint" className="hint">
          {t('nameHint')}
        </p>
        {invalid ? (
          <p id="token-name-error" className="field-error" role="alert">
            {t('invalid')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="token-role">{t('role')}</label>
        <select id="token-role" name="role" defaultValue={state.values.role}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('create')}
      </button>
    </form>
  );
}
