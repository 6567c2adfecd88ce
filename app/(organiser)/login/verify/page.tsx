import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { safeCallbackUrl } from '@/lib/auth/send-sign-in-link';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.verify');
  return { title: t('title') };
}

/**
 * The mailed link lands here. Rendering spends nothing: mail scanners fetch links, so only
 * the button (a GET to Auth.js's callback, made by a person) uses the one-time token.
 */
export default async function VerifySignInPage({
  searchParams,
}: {
  searchParams: Promise<{ url?: string | string[] }>;
}) {
  const [{ url }, t] = await Promise.all([searchParams, getTranslations('organiser.verify')]);
  const callback = safeCallbackUrl(typeof url === 'string' ? url : undefined);
  if (!callback) {
    return (
      <section className="narrow">
        <h1>{t('invalidTitle')}</h1>
        <p className="notice notice-error" role="alert">
          {t('invalid')}
        </p>
        <p>
          <Link href="/login" className="button">
            {t('requestNew')}
          </Link>
        </p>
      </section>
    );
  }
  const target = new URL(callback, 'http://placeholder.invalid');
  const fields = [...target.searchParams.entries()];
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      <p>{t('intro', { email: target.searchParams.get('email') ?? '' })}</p>
      <form method="get" action={target.pathname}>
        {fields.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="button">
          {t('button')}
        </button>
      </form>
      <p className="hint">{t('why')}</p>
    </section>
  );
}
