import { isLocale, defaultLocale, type Locale } from './locales';

type Messages = Record<string, unknown>;
type Parts = Promise<{ default: unknown }>[];

// Each area of the product keeps its strings in its own file; they merge into one tree.
// Persian and Arabic cover everything a signer sees; the organiser area is not translated
// into them, and falls back to English (see `withFallback`).
const loaders: Record<Locale, () => Parts> = {
  en: () => [
    import('@/messages/en/common.json'),
    import('@/messages/en/public.json'),
    import('@/messages/en/organiser.json'),
    import('@/messages/en/emails.json'),
    import('@/messages/en/withdraw.json'),
    import('@/messages/en/versions.json'),
    import('@/messages/en/verify.json'),
  ],
  fr: () => [
    import('@/messages/fr/common.json'),
    import('@/messages/fr/public.json'),
    import('@/messages/fr/organiser.json'),
    import('@/messages/fr/emails.json'),
    import('@/messages/fr/withdraw.json'),
    import('@/messages/fr/versions.json'),
    import('@/messages/fr/verify.json'),
  ],
  fa: () => [
    import('@/messages/fa/common.json'),
    import('@/messages/fa/public.json'),
    import('@/messages/fa/emails.json'),
    import('@/messages/fa/withdraw.json'),
    import('@/messages/fa/versions.json'),
    import('@/messages/fa/verify.json'),
  ],
  ar: () => [
    import('@/messages/ar/common.json'),
    import('@/messages/ar/public.json'),
    import('@/messages/ar/emails.json'),
    import('@/messages/ar/withdraw.json'),
    import('@/messages/ar/versions.json'),
    import('@/messages/ar/verify.json'),
  ],
};

async function load(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(loaders[locale]());
  return Object.assign({}, ...parts.map((part) => part.default as Messages));
}

/** `messages` laid over `base`, key by key: whatever a language lacks is read from the base. */
export function withFallback(base: Messages, messages: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [key, value] of Object.entries(messages)) {
    const under = merged[key];
    merged[key] =
      value && typeof value === 'object' && under && typeof under === 'object'
        ? withFallback(under as Messages, value as Messages)
        : value;
  }
  return merged;
}

const cache = new Map<Locale, Promise<Messages>>();

/** Every string of a language; a string it lacks (an organiser one, in Persian or Arabic) is the English one. */
export function loadMessages(locale: string): Promise<Messages> {
  const chosen = isLocale(locale) ? locale : defaultLocale;
  let messages = cache.get(chosen);
  if (!messages) {
    messages =
      chosen === defaultLocale ? load(chosen) : Promise.all([load(defaultLocale), load(chosen)]).then(([base, own]) => withFallback(base, own));
    cache.set(chosen, messages);
    messages.catch(() => cache.delete(chosen));
  }
  return messages;
}

/** A language's own strings, without the English fallback: what the completeness tests compare. */
export function loadOwnMessages(locale: Locale): Promise<Messages> {
  return load(locale);
}
