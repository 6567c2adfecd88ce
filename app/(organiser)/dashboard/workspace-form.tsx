'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { createWorkspaceAction, type WorkspaceFormState } from './actions';

export function WorkspaceForm() {
  const t = useTranslations('organiser.workspaces');
  const [state, formAction, pending] = useActionState(createWorkspaceAction, { name: '' } satisfies WorkspaceFormState);
  const invalid = state.error === 'invalid';
  return (
    <form action={formAction} className="organiser-form organiser-inline-form" key={JSON.stringify(state)} noValidate>
      <div className="field">
        <label htmlFor="workspace-name">{t('name')}</label>
        <input
          id="workspace-name"
          name="name"
          type="text"
          maxLength={120}
          required
          defaultValue={state.name}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'workspace-name-error' : undefined}
        />
        {invalid ? (
          <p id="workspace-name-error" className="field-error" role="alert">
            {t('invalidName')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('create')}
      </button>
    </form>
  );
}
