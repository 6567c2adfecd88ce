'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { CampaignFieldError, CampaignFormState } from './actions';
import { campaignFormFields } from './campaign-fields';

type Values = CampaignFormState['values'];
type Field = keyof Values;

const fields: readonly Field[] = campaignFormFields;

export type CampaignFormProps = {
  action: (previous: CampaignFormState, form: FormData) => Promise<CampaignFormState>;
  initial: Values;
  languages: { code: string; label: string }[];
  /** slug: published, so the address is out in the world; text: people signed these words. */
  locked?: { slug?: boolean; text?: boolean };
  mode: 'create' | 'edit';
  cancelHref: string;
};

/** The one form for creating and editing a campaign. The domain validates; errors come back per field. */
export function CampaignForm({ action, initial, languages, locked = {}, mode, cancelHref }: CampaignFormProps) {
  const t = useTranslations('organiser.form');
  const [state, formAction, pending] = useActionState(action, { values: initial, errors: {} });
  const value = (field: Field) => state.values[field] ?? initial[field] ?? '';
  const errorCount = Object.keys(state.errors).length;
  const summaryRef = useRef<HTMLDivElement>(null);

  // After a refused submit, move focus to the list of problems so screen readers announce it.
  useEffect(() => {
    if (Object.keys(state.errors).length) summaryRef.current?.focus();
  }, [state]);

  function describe(field: Field, hint?: string) {
    const ids = [hint ? `${field}-hint` : null, state.errors[field] ? `${field}-error` : null].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  }

  function errorMessage(field: Field, kind: CampaignFieldError): string {
    if (kind === 'taken') return t('errors.slugTaken');
    if (kind === 'locked') return field === 'slug' ? t('errors.slugLocked') : t('errors.textLocked');
    const key = `errors.${field}.${kind}`;
    return t.has(key) ? t(key) : t('errors.generic');
  }

  function messages(field: Field, hint?: string) {
    const kind = state.errors[field];
    return (
      <>
        {hint ? (
          <p id={`${field}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        {kind ? (
          <p id={`${field}-error`} className="field-error">
            {errorMessage(field, kind)}
          </p>
        ) : null}
      </>
    );
  }

  const common = (field: Field, hint?: string) => ({
    id: field,
    name: field,
    defaultValue: value(field),
    'aria-invalid': state.errors[field] ? true : undefined,
    'aria-describedby': describe(field, hint),
  });

  const slugHint = locked.slug ? t('slugLocked') : t('slugHint');

  return (
    // The key remounts the fields after each answer, so they show exactly what was sent back.
    <form action={formAction} className="organiser-form" key={JSON.stringify(state)} noValidate>
      {errorCount ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h2>{t('fixErrors')}</h2>
          <ul>
            {fields.map((field) => {
              const kind = state.errors[field];
              return kind ? (
                <li key={field}>
                  <a href={`#${field}`}>{t('summaryItem', { field: t(field), message: errorMessage(field, kind) })}</a>
                </li>
              ) : null;
            })}
          </ul>
        </div>
      ) : null}
      {locked.text ? <p className="notice notice-warning">{t('textLocked')}</p> : null}

      <div className="field">
        <label htmlFor="title">{t('title')}</label>
        <input type="text" required maxLength={200} disabled={locked.text} {...common('title')} />
        {messages('title')}
      </div>

      <div className="field">
        <label htmlFor="slug">{t('slug')}</label>
        <input
          type="text"
          required
          maxLength={80}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          autoCapitalize="none"
          spellCheck={false}
          disabled={locked.slug}
          {...common('slug', slugHint)}
        />
        {messages('slug', slugHint)}
      </div>

      <div className="field">
        <label htmlFor="summary">{t('summary')}</label>
        <input type="text" maxLength={500} {...common('summary', t('summaryHint'))} />
        {messages('summary', t('summaryHint'))}
      </div>

      <div className="field">
        <label htmlFor="letter">{t('letter')}</label>
        <textarea rows={16} required disabled={locked.text} {...common('letter', t('letterHint'))} />
        {messages('letter', t('letterHint'))}
      </div>

      <div className="field">
        <label htmlFor="addressees">{t('addressees')}</label>
        <textarea rows={3} required {...common('addressees', t('addresseesHint'))} />
        {messages('addressees', t('addresseesHint'))}
      </div>

      <div className="field">
        <label htmlFor="demands">{t('demands')}</label>
        <textarea rows={4} disabled={locked.text} {...common('demands', t('demandsHint'))} />
        {messages('demands', t('demandsHint'))}
      </div>

      <div className="field">
        <label htmlFor="organisedBy">{t('organisedBy')}</label>
        <input type="text" maxLength={200} {...common('organisedBy', t('organisedByHint'))} />
        {messages('organisedBy', t('organisedByHint'))}
      </div>

      <div className="organiser-row">
        <div className="field">
          <label htmlFor="goal">{t('goal')}</label>
          <input type="number" min={1} step={1} inputMode="numeric" {...common('goal', t('goalHint'))} />
          {messages('goal', t('goalHint'))}
        </div>

        <div className="field">
          <label htmlFor="deadline">{t('deadline')}</label>
          <input type="date" {...common('deadline', t('deadlineHint'))} />
          {messages('deadline', t('deadlineHint'))}
        </div>

        <div className="field">
          <label htmlFor="language">{t('language')}</label>
          <select {...common('language')}>
            {languages.map((language) => (
              <option key={language.code} value={language.code}>
                {language.label}
              </option>
            ))}
          </select>
          {messages('language')}
        </div>
      </div>

      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? t('saving') : mode === 'create' ? t('create') : t('save')}
        </button>
        <Link href={cancelHref} className="button-secondary">
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
