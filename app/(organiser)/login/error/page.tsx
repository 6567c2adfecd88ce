import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.error');
  return { title: t('title') };
}

/** Where Auth.js sends failed sign-ins. Only two errors get their own words; the rest say "try again". */
export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const [{ error }, t] = await Promise.all([searchParams, getTranslations('organiser.error')]);
  const message =
    error === 'Verification' ? t('verification') : error === 'AccessDenied' ? t('accessDenied') : t('generic');
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      <p className="notice notice-error" role="alert">
        {message}
      </p>
      <p>
        <Link href="/login" className="button">
          {t('requestNew')}
        </Link>
      </p>
    </section>
  );
}
