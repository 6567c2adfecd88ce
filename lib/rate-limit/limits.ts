/**
 * Every abuse limit, in one table. `hold`: the request is accepted and answered as usual, but
 * the signature is held out of counts, lists and documents (shadow-banned) until an organiser
 * includes it, as the UK petitions site did; the sender learns nothing. `refuse`: a 429 with
 * Retry-After that says nothing about any address.
 * Windows are fixed and shared by every app process (see hit-limits.ts). RATE_LIMITS=off turns
 * them all off (benchmarks from one address).
 */
export const LIMITS = {
  /** Signatures from one client address on one letter: a burst… */
  'sign-client-burst': { max: 5, windowSeconds: 60, action: 'hold' },
  /** …and sustained (a household or an office shares an address, so not too tight). */
  'sign-client-hour': { max: 30, windowSeconds: 3600, action: 'hold' },
  /** Signatures from one email domain on one letter; the big public providers are exempt. */
  'sign-domain': { max: 200, windowSeconds: 600, action: 'hold' },
  /** A letter's velocity: far above a viral peak on one letter (the UK site's record was ~33/s site-wide). */
  'sign-letter': { max: 6_000, windowSeconds: 60, action: 'hold' },
  'confirm-client': { max: 30, windowSeconds: 60, action: 'refuse' },
  'withdraw-client': { max: 10, windowSeconds: 600, action: 'refuse' },
  // Asking for one's data mails the address: a few per connection, and (in the worker) one answer
  // per address a day, so the form cannot be used to flood someone's inbox.
  'data-request-client': { max: 5, windowSeconds: 600, action: 'refuse' },
  'data-request-address': { max: 1, windowSeconds: 86_400, action: 'refuse' },
  'sign-in-client': { max: 10, windowSeconds: 600, action: 'refuse' },
  /** Checking a packet costs seconds of CPU for a large one: plenty for a person, little for a flood. */
  'verify-packet-client': { max: 30, windowSeconds: 600, action: 'refuse' },
  /** A receipt lookup recomputes a proof over every delivery that held it: cheap once, not by the thousand. */
  'verify-receipt-client': { max: 60, windowSeconds: 600, action: 'refuse' },
} as const satisfies Record<string, { max: number; windowSeconds: number; action: 'hold' | 'refuse' }>;

export type LimitName = keyof typeof LIMITS;

/** Providers so large that a burst from their domain is just the public signing. */
export const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.fr', 'yahoo.co.uk', 'icloud.com',
  'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'gmx.fr', 'web.de', 'orange.fr', 'free.fr',
  'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', 'naver.com', 't-online.de',
]);
