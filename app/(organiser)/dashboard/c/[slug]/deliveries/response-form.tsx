'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { ResponseFormState } from './delivery-actions';

const STATUSES = ['acknowledged', 'answered', 'declined'] as const;

/** Records what an addressee answered to one delivery. Works without JavaScript. */
export function ResponseForm({ action, id, today }: { action: (state: ResponseFormState, form: FormData) => Promise<ResponseFormState>; id: string; today: string }) {
  const t = useTranslations('organiser.deliveries');
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const problems = state.status === 'invalid' ? Object.values(state.fields).flat() : [];
  return (
    <form action={formAction} className="organiser-form" noValidate data-testid="response-form">
      <div className="organiser-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('status')}</label>
          <select id={`${id}-status`} name="status" defaultValue="acknowledged">
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-received`}>{t('receivedOn')}</label>
          <input id={`${id}-received`} name="receivedOn" type="date" defaultValue={today} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('text')}</label>
        <textarea id={`${id}-text`} name="text" rows={3} maxLength={10000} />
      </div>
      {state.status === 'invalid' ? (
        <p className="notice notice-error" role="alert">
          {problems.length ? problems.join(' ') : state.message}
        </p>
      ) : null}
      {state.status === 'recorded' ? (
        <p className="notice notice-success" role="status">
          {t('recorded')}
        </p>
      ) : null}
      <button type="submit" className="button-secondary" disabled={pending}>
        {t('record')}
      </button>
    </form>
  );
}
