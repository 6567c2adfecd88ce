'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { InvalidationState } from './moderation-actions';

/** Bulk invalidation: preview first (Enter submits the preview), then apply. Works without JavaScript. */
export function InvalidationForm({ action }: { action: (state: InvalidationState, form: FormData) => Promise<InvalidationState> }) {
  const t = useTranslations('organiser.moderation');
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const values = state.status === 'preview' || state.status === 'done' ? state.values : {};
  return (
    <form action={formAction} className="organiser-form" noValidate>
      <div className="organiser-filters">
        <div className="field">
          <label htmlFor="inv-domain">{t('emailDomain')}</label>
          <input id="inv-domain" name="emailDomain" defaultValue={values.emailDomain} placeholder="example.org" />
        </div>
        <div className="field">
          <label htmlFor="inv-client">{t('clientHash')}</label>
          <input id="inv-client" name="clientHash" defaultValue={values.clientHash} maxLength={32} />
        </div>
        <div className="field">
          <label htmlFor="inv-country">{t('country')}</label>
          <input id="inv-country" name="country" defaultValue={values.country} maxLength={2} placeholder="FR" />
        </div>
        <div className="field">
          <label htmlFor="inv-from">{t('from')}</label>
          <input id="inv-from" name="from" type="datetime-local" defaultValue={values.from} />
        </div>
        <div className="field">
          <label htmlFor="inv-to">{t('to')}</label>
          <input id="inv-to" name="to" type="datetime-local" defaultValue={values.to} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="inv-reason">{t('reason')}</label>
        <input id="inv-reason" name="reason" defaultValue={values.reason} maxLength={200} />
      </div>
      {state.status === 'invalid' ? (
        <p className="notice notice-error" role="alert">
          {t('invalid')}
        </p>
      ) : null}
      {state.status === 'preview' ? (
        <p className="notice" role="status" data-testid="invalidation-preview">
          {t('preview', { matched: state.matched, counted: state.counted })}
        </p>
      ) : null}
      {state.status === 'done' ? (
        <p className="notice notice-success" role="status">
          {t('done', { invalidated: state.invalidated })}
        </p>
      ) : null}
      <p className="organiser-links">
        <button type="submit" name="intent" value="preview" className="button-secondary" disabled={pending}>
          {t('previewButton')}
        </button>
        {state.status === 'preview' && state.matched > 0 ? (
          <button type="submit" name="intent" value="apply" className="button" disabled={pending}>
            {t('apply', { matched: state.matched })}
          </button>
        ) : null}
      </p>
    </form>
  );
}
