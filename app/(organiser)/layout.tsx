import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Document } from '@/app/document';
import { LanguageSwitcher } from '@/app/(public)/language-switcher';
import { getCaller } from '@/lib/auth/get-caller';
import { organiserLocales } from '@/lib/i18n/locales';
import { signOutAction } from './auth-actions';
import './organiser.css';

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** The organiser area's frame. Showing or hiding links here is UX only; lib/ checks every request. */
export default async function OrganiserLayout({ children }: { children: React.ReactNode }) {
  const [caller, t, common, locale] = await Promise.all([
    getCaller(),
    getTranslations('organiser.nav'),
    getTranslations('common'),
    getLocale(),
  ]);
  return (
    <Document locale={locale}>
      <a className="skip-link" href="#main">
        {common('skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <Link href={caller ? '/dashboard' : '/'} className="brand">
            Undersigned
          </Link>
          <div className="site-nav">
            {caller ? (
              <nav aria-label={t('label')} className="site-nav">
                <Link href="/dashboard">{t('dashboard')}</Link>
                {caller.isAdmin ? <Link href="/dashboard/organisers">{t('organisers')}</Link> : null}
              </nav>
            ) : null}
            <LanguageSwitcher choices={organiserLocales} />
            {caller ? (
              <form action={signOutAction} className="organiser-signout">
                <span className="muted organiser-who">{t('signedInAs', { email: caller.email })}</span>
                <button type="submit" className="button-secondary">
                  {t('signOut')}
                </button>
              </form>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
    </Document>
  );
}
