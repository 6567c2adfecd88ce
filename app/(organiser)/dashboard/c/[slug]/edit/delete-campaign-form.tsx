'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { deleteCampaignAction, type DeleteCampaignFormState } from '../../../actions';

export function DeleteCampaignForm({ slug }: { slug: string }) {
  const t = useTranslations('organiser.form');
  const [state, formAction, pending] = useActionState(deleteCampaignAction.bind(null, slug), {} satisfies DeleteCampaignFormState);
  return (
    <section className="danger-zone" aria-labelledby="delete-campaign-title">
      <h2 id="delete-campaign-title">{t('deleteTitle')}</h2>
      <p>{t('deleteExplain')}</p>
      <form action={formAction} className="organiser-form organiser-inline-form" noValidate>
        <div className="field">
          <label htmlFor="delete-confirm">{t('deleteConfirm', { slug })}</label>
          <input id="delete-confirm" name="confirm" autoComplete="off" required aria-invalid={state.error ? true : undefined} aria-describedby={state.error ? 'delete-confirm-error' : undefined} />
          {state.error ? (
            <p id="delete-confirm-error" className="field-error" role="alert">
              {state.error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-danger" disabled={pending}>
          {t('deleteButton')}
        </button>
      </form>
    </section>
  );
}
