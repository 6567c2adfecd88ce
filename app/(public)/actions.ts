'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireForm } from '@/lib/http/action-args';
import { isLocale } from '@/lib/i18n/locales';
import { LOCALE_COOKIE } from '@/lib/i18n/request';

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** Only a path on this site: a crafted `returnTo` must not turn the switcher into an open redirect. */
function sameSitePath(value: FormDataEntryValue | null): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  try {
    const base = 'http://undersigned.invalid';
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

/** Remembers the reader's language and sends them back to the page they were on. */
export async function setLocaleAction(form: FormData): Promise<never> {
  requireForm(form);
  const locale = form.get('locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      maxAge: ONE_YEAR_SECONDS,
      sameSite: 'lax',
      path: '/',
      httpOnly: true,
    });
  }
  redirect(sameSitePath(form.get('returnTo')));
}
