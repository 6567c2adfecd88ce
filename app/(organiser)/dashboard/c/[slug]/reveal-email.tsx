'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { RevealState } from './reveal-actions';

type Props = { action: (previous: RevealState) => Promise<RevealState> };

/** "Show email": the address is fetched (and the reveal recorded) only when asked for. */
export function RevealEmail({ action }: Props) {
  const t = useTranslations('organiser.signatures');
  const [state, formAction, pending] = useActionState(action, { shown: false } satisfies RevealState);
  if (state.shown) return state.email ? <span data-testid="revealed-email">{state.email}</span> : <span className="muted">{t('noEmail')}</span>;
  return (
    <form action={formAction}>
      <button type="submit" className="button-secondary" disabled={pending}>
        {t('showEmail')}
      </button>
    </form>
  );
}
