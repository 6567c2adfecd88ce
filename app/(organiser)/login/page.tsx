import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCaller } from '@/lib/auth/get-caller';
import { LoginForm } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.login');
  return { title: t('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  if (await getCaller()) redirect('/dashboard');
  const [{ error }, t] = await Promise.all([searchParams, getTranslations('organiser.login')]);
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      {/* Auth.js sends sign-in failures (e.g. a mail that could not be sent) back here with ?error=. */}
      {error ? (
        <p className="notice notice-error" role="alert">
          {t('failed')}
        </p>
      ) : null}
      <p>{t('intro')}</p>
      <LoginForm />
      <p className="hint">{t('noAccount')}</p>
    </section>
  );
}
