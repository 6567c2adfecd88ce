import type { Metadata } from 'next';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import { Document } from '@/app/document';
import { getEnv } from '@/lib/env';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';

type Props = { children: React.ReactNode; params: Promise<{ locale: string }> };

// An unknown language in the address still gets a document; the page below answers 404.
const localeOf = (param: string) => (isLocale(param) ? param : defaultLocale);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: localeOf((await params).locale), namespace: 'common' });
  // `same-origin`, not `no-referrer`: with the latter Chrome sends `Origin: null` on a plain form
  // POST and Next refuses the Server Action, so the sign form would fail without JavaScript.
  return { description: t('tagline'), referrer: 'same-origin', metadataBase: new URL(getEnv().baseUrl) };
}

/** Pages whose language is in their address: rendered once per language and served from the cache to everyone. */
export default async function LocaleLayout({ children, params }: Props) {
  const locale = localeOf((await params).locale);
  setRequestLocale(locale);
  // Client components here need only these strings; the organiser's stay out of every cached page.
  const { common, public: publicMessages } = await getMessages();
  return (
    <Document locale={locale} messages={{ common, public: publicMessages }}>
      {children}
    </Document>
  );
}
