import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { defaultLocale, isLocale, locales, type Locale } from './locales';
import { loadMessages } from './messages';

export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** The reader's language: their explicit choice (cookie), else the browser's preference. */
export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accepted = (await headers()).get('accept-language') ?? '';
  for (const part of accepted.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().split('-')[0];
    if (isLocale(tag)) return tag;
  }
  return defaultLocale;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});

export { locales };
