/** Interface languages. Persian and Arabic are next: layouts already follow `dir`. */
export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

const rtl = new Set(['ar', 'fa', 'he', 'ur']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rtl.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

/** Dates in documents use the Gregorian calendar and Latin digits whatever the locale. */
export function formatDate(date: Date | string, locale: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}
