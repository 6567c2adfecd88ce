import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { log } from '@/lib/log';
import { getEnv } from '@/lib/env';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { isOrganiserEmail } from './is-organiser-email';

/** At most this many sign-in mails per address in this window. */
export const SIGN_IN_MAILS_PER_WINDOW = 3;
export const SIGN_IN_WINDOW_MINUTES = 10;

/**
 * Called by Auth.js with its one-time callback URL. Organisers get a link to our own
 * /login/verify page, whose button follows the callback: mail scanners that fetch links
 * would otherwise spend the token. Other addresses are told they have no account, so the
 * login form answers the same whoever types in it.
 */
export async function sendSignInLink(email: string, callbackUrl: string, locale: string): Promise<void> {
  const db = await getDb();
  if (email.length > 254) return;
  // A few sign-in mails per address per window: the form must not be a way to flood someone's
  // inbox. The earlier mails' links still work, so nobody is locked out.
  const [{ recent }] = await db
    .select({ recent: count() })
    .from(outbox)
    .where(
      and(
        eq(outbox.addressHash, mailAddressHash(email)),
        inArray(outbox.kind, ['magic-link', 'no-access']),
        sql`${outbox.createdAt} > now() - make_interval(mins => ${SIGN_IN_WINDOW_MINUTES})`,
      ),
    );
  if (Number(recent) >= SIGN_IN_MAILS_PER_WINDOW) {
    log('info', 'sign-in mail held back: too many for this address just now', { recent: Number(recent) });
    return;
  }
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
