import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isolateIn } from '@/lib/i18n/locales';
import { getWithdrawal } from '@/lib/signatures/withdraw-signature';
import { withdrawAction } from './actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string; limited?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('withdraw');
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'same-origin' };
}

/** Shows what would be withdrawn. A GET never withdraws: the button POSTs to `withdrawAction`. */
export default async function WithdrawPage({ params, searchParams }: Props) {
  const [{ token }, { done, limited }, t, locale] = await Promise.all([params, searchParams, getTranslations('withdraw.confirm'), getLocale()]);
  const view = await getWithdrawal(token);

  // After a withdrawal the token no longer exists; `done=1` only chooses the wording, it changes nothing.
  if (view.outcome === 'not-found' && done === '1') {
    return (
      <div className="narrow notice notice-success" role="status">
        <h1>{t('done.heading')}</h1>
        <p>{t('done.body')}</p>
        <p>
          <Link href="/" className="button-secondary">
            {t('home')}
          </Link>
        </p>
      </div>
    );
  }
  if (view.outcome === 'ready') {
    return (
      <div className="narrow">
        <h1>{t('heading')}</h1>
        {limited === '1' ? (
          <p className="notice notice-warning" role="alert">
            {t('limited')}
          </p>
        ) : null}
        <p>{t('intro', { title: isolateIn(locale, view.campaign!.title) })}</p>
        <form action={withdrawAction.bind(null, token)}>
          <button type="submit" className="button">
            {t('button')}
          </button>
        </form>
        <p className="section">
          <Link href={`/c/${view.campaign!.slug}`}>{t('back')}</Link>
        </p>
      </div>
    );
  }
  const expired = view.outcome === 'expired';
  return (
    <div className={`narrow notice ${expired ? 'notice-warning' : 'notice-error'}`}>
      <h1>{expired ? t('expired.heading') : t('invalid.heading')}</h1>
      <p>{expired ? t('expired.body') : t('invalid.body')}</p>
      <p>
        <Link href={view.campaign ? `/c/${view.campaign.slug}/withdraw` : '/'} className="button-secondary">
          {view.campaign ? t('back') : t('home')}
        </Link>
      </p>
    </div>
  );
}
