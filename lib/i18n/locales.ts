/** Interface languages. Persian and Arabic are read right to left: layouts follow `dir`. */
export const locales = ['en', 'fr', 'fa', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/**
 * The organiser area is written in English and French only. Signers' languages that it
 * cannot show are not offered there, and a reader who chose one sees the area in English.
 */
export const organiserLocales = ['en', 'fr'] as const satisfies readonly Locale[];
export type OrganiserLocale = (typeof organiserLocales)[number];

/**
 * Set by proxy.ts on the organiser area's requests (and removed from any other), whose
 * interface exists in fewer languages than the signers' pages.
 */
export const AREA_HEADER = 'x-undersigned-area';

/** The cookie that keeps the language a reader chose with the switcher. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

const rtl = new Set(['ar', 'fa', 'he', 'ur']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function isOrganiserLocale(value: unknown): value is OrganiserLocale {
  return typeof value === 'string' && (organiserLocales as readonly string[]).includes(value);
}

/**
 * The reader's language: their explicit choice (the cookie), else the browser's preference, else
 * the default; only among `allowed` (all interface languages unless told).
 */
export function pickLocale(chosen: string | undefined, acceptLanguage: string | null, allowed: readonly Locale[] = locales): Locale {
  const ok = (value: unknown): value is Locale => isLocale(value) && allowed.includes(value);
  if (ok(chosen)) return chosen;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().split('-')[0];
    if (ok(tag)) return tag;
  }
  return defaultLocale;
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rtl.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

/**
 * Dates in documents for the UN (PDF, DOCX, XLSX, CSV, HRC statements) and in the organiser area:
 * the Gregorian calendar and Latin digits whatever the locale.
 */
export function formatDate(date: Date | string, locale: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}

/**
 * Dates shown to signers, in their language's own calendar and digits (for Persian the
 * Solar Hijri calendar and Persian digits, as Intl gives for `fa`). Never for documents.
 */
export function formatSignerDate(date: Date | string, locale: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}

/** Counts shown to signers, in their language's digits. */
export function formatSignerNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * Text of unknown direction (an email address, a letter's title, a name) set into a sentence
 * of a right-to-left language, between Unicode isolates (FSI…PDI, the plain-text <bdi>): it then
 * cannot reorder the words around it. Left-to-right sentences are returned as they are.
 */
export function isolateIn(locale: string, text: string): string {
  return directionOf(locale) === 'rtl' ? `\u2068${text}\u2069` : text;
}
