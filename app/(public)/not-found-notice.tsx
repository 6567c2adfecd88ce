import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** What a 404 says; `locale` is given where the request must not be read. */
export async function NotFoundNotice({ locale }: { locale?: string }) {
  const t = await getTranslations(locale ? { locale } : undefined);
  return (
    <div className="narrow">
      <h1>{t('public.notFound.title')}</h1>
      <p className="lead">{t('public.notFound.body')}</p>
      <p>
        <Link href="/" className="button">
          {t('public.notFound.home')}
        </Link>
      </p>
    </div>
  );
}
