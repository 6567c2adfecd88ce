import { NextIntlClientProvider } from 'next-intl';
import { directionOf } from '@/lib/i18n/locales';
import { vazirmatn } from './fonts';
import './globals.css';

type Props = {
  locale: string;
  /** The interface strings client components need; all of them when omitted. */
  messages?: Record<string, unknown>;
  children: React.ReactNode;
};

/** The <html> of every page. Each route group renders its own, so the letter page can take its language from the URL. */
export function Document({ locale, messages, children }: Props) {
  return (
    <html lang={locale} dir={directionOf(locale)} className={vazirmatn.variable}>
      <body>
        <NextIntlClientProvider locale={locale} messages={messages}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
