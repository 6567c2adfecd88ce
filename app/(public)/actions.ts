'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireForm } from '@/lib/http/action-args';
import { isLocale, LOCALE_COOKIE, type Locale } from '@/lib/i18n/locales';

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * Only a path on this site: a crafted `returnTo` must not turn the switcher into an open redirect.
 * A path that carries its language (`/fr/c/…`) becomes the same page in the chosen one.
 */
function returnPath(value: FormDataEntryValue | null, locale: Locale | null): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  try {
    const base = 'http://undersigned.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return '/';
    const [, first, ...rest] = url.pathname.split('/');
    const pathname = locale && isLocale(first) ? ['', locale, ...rest].join('/') : url.pathname;
    return `${pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/** Remembers the reader's language and sends them back to the page they were on, in that language. */
export async function setLocaleAction(form: FormData): Promise<never> {
  requireForm(form);
  const raw = form.get('locale');
  const locale = isLocale(raw) ? raw : null;
  if (locale) {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      maxAge: ONE_YEAR_SECONDS,
      sameSite: 'lax',
      path: '/',
      httpOnly: true,
    });
  }
  redirect(returnPath(form.get('returnTo'), locale));
}
