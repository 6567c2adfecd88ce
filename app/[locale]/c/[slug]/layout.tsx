import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { LanguageSwitcher } from '@/app/(public)/language-switcher';
import { PublicFrame } from '@/app/(public)/public-frame';
import { isLocale } from '@/lib/i18n/locales';

type Props = { children: React.ReactNode; params: Promise<{ locale: string; slug: string }> };

export default async function LetterLayout({ children, params }: Props) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  // The switcher lands on this letter's address in the chosen language, and remembers the choice for the rest of the site.
  const switcher = <LanguageSwitcher returnTo={`/${locale}/c/${encodeURIComponent(slug)}`} />;
  // Its links to pages whose language is the reader's choice carry this page's (proxy.ts reads `lang`).
  return (
    <PublicFrame switcher={switcher} linkLocale={locale}>
      {children}
    </PublicFrame>
  );
}
