import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { Document } from '@/app/document';
import { LanguageSwitcher } from './language-switcher';
import { PublicFrame } from './public-frame';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  // With `no-referrer`, Chrome sends `Origin: null` on a plain form POST and Next refuses the Server
  // Action, so forms would fail without JavaScript. `same-origin` still sends nothing to other sites.
  return { description: t('tagline'), referrer: 'same-origin' };
}

/** Public pages other than the letter itself: their language is the reader's (cookie, else Accept-Language). */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <Document locale={await getLocale()}>
      <PublicFrame switcher={<LanguageSwitcher />}>{children}</PublicFrame>
    </Document>
  );
}
