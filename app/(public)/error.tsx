'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

/**
 * Shown for unexpected failures, inside the page's header and footer. It never shows the error
 * itself: messages can quote input.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common.error');
  return (
    <div className="narrow notice notice-error" role="alert">
      <h1>{t('heading')}</h1>
      <p>{t('body')}</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          {t('retry')}
        </button>{' '}
        <Link href="/" className="button-secondary">
          {t('home')}
        </Link>
      </p>
    </div>
  );
}
