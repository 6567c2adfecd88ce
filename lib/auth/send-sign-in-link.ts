import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { isOrganiserEmail } from './is-organiser-email';

/**
 * Called by Auth.js with its one-time callback URL. Organisers get a link to our own
 * /login/verify page, whose button follows the callback: mail scanners that fetch links
 * would otherwise spend the token. Other addresses are told they have no account, so the
 * login form answers the same whoever types in it.
 */
export async function sendSignInLink(email: string, callbackUrl: string, locale: string): Promise<void> {
  const db = await getDb();
  if (await isOrganiserEmail(email)) {
    const url = `${getEnv().baseUrl}/login/verify?${new URLSearchParams({ url: callbackUrl })}`;
    await enqueueMail(db, email, { kind: 'magic-link', locale, email, url });
  } else {
    await enqueueMail(db, email, { kind: 'no-access', locale, email });
  }
}

/** The callback URL the verify page may follow: ours, and Auth.js's email callback only. */
export function safeCallbackUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const base = new URL(getEnv().baseUrl);
    const url = new URL(raw, base);
    if (url.origin !== base.origin || url.pathname !== '/api/auth/callback/email') return null;
    if (!url.searchParams.get('token') || !url.searchParams.get('email')) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
