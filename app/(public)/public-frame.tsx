import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

type Props = {
  /** Given where the request must not be read; else the request's language. */
  locale?: string;
  /** The language switcher, when the page offers one. */
  switcher?: React.ReactNode;
  /** On a page whose language is in its address: the language its links to other pages carry. */
  linkLocale?: string;
  children: React.ReactNode;
};

/** Header, main and footer of the public pages, whether their language comes from the cookie or the URL. */
export async function PublicFrame({ locale, switcher, linkLocale, children }: Props) {
  const carry = linkLocale ? `?lang=${linkLocale}` : '';
  const t = await getTranslations(locale ? { locale } : undefined);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <Link href={`/${carry}`} prefetch={linkLocale ? false : undefined} className="brand" aria-label={t('public.layout.home')}>
            Undersigned
          </Link>
          {switcher}
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('public.layout.footer')}</p>
          <p>{t('public.layout.footerNote')}</p>
          <p>
            <Link href={`/verify${carry}`} prefetch={false}>
              {t('public.layout.verify')}
            </Link>
            {' · '}
            <Link href="/my-data" prefetch={false}>
              {t('public.layout.myData')}
            </Link>
          </p>
        </div>
      </footer>
    </>
  );
}
