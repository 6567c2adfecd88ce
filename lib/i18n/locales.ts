/** Interface languages. Persian and Arabic are next: layouts already follow `dir`. */
export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** The cookie that keeps the language a reader chose with the switcher. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

const rtl = new Set(['ar', 'fa', 'he', 'ur']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The reader's language: their explicit choice (the cookie), else the browser's preference, else the default. */
export function pickLocale(chosen: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().split('-')[0];
    if (isLocale(tag)) return tag;
  }
  return defaultLocale;
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rtl.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

/** Dates in documents use the Gregorian calendar and Latin digits whatever the locale. */
export function formatDate(date: Date | string, locale: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}
