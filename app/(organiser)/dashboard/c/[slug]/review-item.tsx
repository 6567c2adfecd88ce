'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ReviewQueueItem } from '@/lib/signatures/review-signature';
import type { ReviewState } from './review-actions';

type Props = {
  item: ReviewQueueItem;
  countryLabel: string;
  action: (state: ReviewState, form: FormData) => Promise<ReviewState>;
};

/** One signature waiting for review: its spelling can be corrected before approval; a rejection needs a reason. */
export function ReviewItem({ item, countryLabel, action }: Props) {
  const t = useTranslations('organiser.review');
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const id = (field: string) => `review-${item.id}-${field}`;
  const field = (name: keyof ReviewQueueItem, label: string, required = false) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <input id={id(name)} name={name} defaultValue={(item[name] as string | null) ?? ''} required={required} dir="auto" />
    </div>
  );
  return (
    <li className="card review-item" data-testid="review-item">
      <p>
        <strong dir="auto">
          {item.kind === 'organisation' ? item.organisationName : [item.honorific, item.givenName, item.familyName].filter(Boolean).join(' ')}
        </strong>{' '}
        <span className="badge">{t(`kind.${item.kind}`)}</span> <span className="badge">{t(`visibility.${item.visibility}`)}</span>
      </p>
      <p className="hint">
        {item.kind === 'organisation'
          ? t('organisationLine', { status: t(`status.${item.ecosocStatus ?? 'none'}`), country: countryLabel, contact: `${item.givenName} ${item.familyName}` })
          : countryLabel}
        {item.website ? (
          <>
            {' · '}
            <a href={item.website} rel="noopener noreferrer nofollow" target="_blank">
              {item.website}
            </a>
          </>
        ) : null}
      </p>
      <form action={formAction} className="organiser-form" noValidate>
        <fieldset>
          <legend>{t('corrections')}</legend>
          <div className="organiser-filters">
            {item.kind === 'organisation' ? field('organisationName', t('fields.organisationName'), true) : field('honorific', t('fields.honorific'))}
            {field('givenName', t('fields.givenName'), true)}
            {field('familyName', t('fields.familyName'), true)}
            {item.kind === 'notable' ? field('title', t('fields.title')) : null}
            {item.kind === 'notable' ? field('affiliation', t('fields.affiliation')) : null}
          </div>
          <p className="hint">{t('correctionsHint')}</p>
        </fieldset>
        <div className="field">
          <label htmlFor={id('reason')}>{t('reason')}</label>
          <input id={id('reason')} name="reason" maxLength={500} aria-describedby={id('reason-hint')} />
          <p id={id('reason-hint')} className="hint">
            {t('reasonHint')}
          </p>
        </div>
        {state.status === 'invalid' ? (
          <p className="notice notice-error" role="alert">
            {state.fields.includes('reason') ? t('reasonRequired') : (state.message ?? t('invalid'))}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" name="decision" value="approve" className="button" disabled={pending}>
            {t('approve')}
          </button>
          <button type="submit" name="decision" value="reject" className="button-secondary" disabled={pending}>
            {t('reject')}
          </button>
        </div>
      </form>
    </li>
  );
}
