'use client';

import { useActionState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { MAX_RETENTION_MONTHS } from '@/lib/privacy/retention-due-date';
import { setRetentionAction, type RetentionFormState } from './retention-actions';

/** `readOnly`: the caller is not an owner, who alone change the policy. */
type Props = { slug: string; months: number; dueAt: string | null; erasedAt: string | null; readOnly?: boolean };

/** When signers' personal data will be erased, and the form to shorten or extend that. */
export function RetentionPanel({ slug, months, dueAt, erasedAt, readOnly = false }: Props) {
  const t = useTranslations('organiser.retention');
  const format = useFormatter();
  const [state, formAction, pending] = useActionState(setRetentionAction.bind(null, slug), {} satisfies RetentionFormState);
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long', timeZone: 'UTC' });
  return (
    <section id="retention" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('title')}</h2>
      <p data-testid="retention-status">
        {erasedAt ? t('erased', { date: day(erasedAt) }) : dueAt ? t('due', { date: day(dueAt), months }) : t('open', { months })}
      </p>
      <p className="hint">{t('explain')}</p>
      {readOnly ? null : (
        <form action={formAction} className="organiser-form organiser-inline-form" noValidate>
          {state.saved ? (
            <p className="notice notice-success" role="status">
              {t('saved')}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="retention-months">{t('months')}</label>
            <select id="retention-months" name="months" defaultValue={String(months)} aria-invalid={state.error ? true : undefined} aria-describedby={state.error ? 'retention-error' : undefined}>
              {Array.from({ length: MAX_RETENTION_MONTHS + 1 }, (_, value) => (
                <option key={value} value={value}>
                  {t('monthsOption', { months: value })}
                </option>
              ))}
            </select>
            {state.error ? (
              <p id="retention-error" className="field-error" role="alert">
                {state.error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-secondary" disabled={pending}>
            {t('save')}
          </button>
        </form>
      )}
    </section>
  );
}
