import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { AREA_HEADER, isLocale, LOCALE_COOKIE, locales, organiserLocales, pickLocale, type Locale } from './locales';
import { loadMessages } from './messages';

export { LOCALE_COOKIE };

/** The reader's language on pages without one in their address: cookie, else Accept-Language. */
export async function resolveLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const allowed = headerList.get(AREA_HEADER) === 'organiser' ? organiserLocales : locales;
  return pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'), allowed);
}

// Pages under app/[locale] set their language with setRequestLocale: they read neither cookies nor
// headers, and can be cached.
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});

export { locales };
