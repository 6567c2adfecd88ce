import { defaultLocale, directionOf } from '@/lib/i18n/locales';
import { NotFoundNotice } from './(public)/not-found-notice';
import { PublicFrame } from './(public)/public-frame';
import './globals.css';

/**
 * Unknown addresses. Next.js renders this ahead of time inside every page, the cached letter pages
 * included, so it must not read the request: it speaks the default language. notFound() in a page
 * is answered by the not-found of its route group, in the reader's language.
 */
export default function NotFound() {
  return (
    <html lang={defaultLocale} dir={directionOf(defaultLocale)}>
      <body>
        <PublicFrame locale={defaultLocale}>
          <NotFoundNotice locale={defaultLocale} />
        </PublicFrame>
      </body>
    </html>
  );
}
