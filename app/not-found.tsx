import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Rendered inside the root layout only, so it carries its own header and footer. */
export default async function NotFound() {
  const t = await getTranslations();
  return (
    <>
      <header className="site-header">
        <div className="container site-header-inner">
          <Link href="/" className="brand" aria-label={t('public.layout.home')}>
            Undersigned
          </Link>
        </div>
      </header>
      <main id="main" className="container">
        <div className="narrow">
          <h1>{t('public.notFound.title')}</h1>
          <p className="lead">{t('public.notFound.body')}</p>
          <p>
            <Link href="/" className="button">
              {t('public.notFound.home')}
            </Link>
          </p>
        </div>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('public.layout.footer')}</p>
        </div>
      </footer>
    </>
  );
}
