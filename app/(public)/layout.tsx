import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from './language-switcher';

// With `no-referrer`, Chrome sends `Origin: null` on a plain form POST and Next refuses the Server
// Action, so forms would fail without JavaScript. `same-origin` still sends nothing to other sites.
export const metadata: Metadata = { referrer: 'same-origin' };

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <Link href="/" className="brand" aria-label={t('public.layout.home')}>
            Undersigned
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('public.layout.footer')}</p>
          <p>{t('public.layout.footerNote')}</p>
        </div>
      </footer>
    </>
  );
}
