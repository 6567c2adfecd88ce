import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.check');
  return { title: t('title') };
}

export default async function CheckInboxPage() {
  const t = await getTranslations('organiser.check');
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>{t('expiry')}</p>
      <p>
        <Link href="/login">{t('again')}</Link>
      </p>
    </section>
  );
}
