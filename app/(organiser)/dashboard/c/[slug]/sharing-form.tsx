'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { SharingState } from './sharing-actions';

type Props = { action: (previous: SharingState, form: FormData) => Promise<SharingState> };

export function SharingForm({ action }: Props) {
  const t = useTranslations('organiser.sharing');
  const [state, formAction, pending] = useActionState(action, { values: { workspaceId: '', role: 'viewer' } } satisfies SharingState);
  return (
    <form action={formAction} className="organiser-form organiser-inline-form" key={JSON.stringify(state)} noValidate>
      {state.shared ? (
        <p className="notice notice-success" role="status" dir="auto">
          {t('shared', { workspace: state.shared })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="share-workspace">{t('workspaceId')}</label>
        <input
          id="share-workspace"
          name="workspaceId"
          type="text"
          autoComplete="off"
          maxLength={36}
          required
          defaultValue={state.values.workspaceId}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'share-workspace-error' : 'share-workspace-hint'}
        />
        <p id="share-workspace-hint" className="hint">
          {t('workspaceIdHint')}
        </p>
        {state.error ? (
          <p id="share-workspace-error" className="field-error" role="alert">
            {state.error}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="share-role">{t('role')}</label>
        <select id="share-role" name="role" defaultValue={state.values.role || 'viewer'}>
          {(['viewer', 'editor'] as const).map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('share')}
      </button>
    </form>
  );
}
