import { isLocale, defaultLocale, type Locale } from './locales';

type Messages = Record<string, unknown>;

// Each area of the product keeps its strings in its own file; they merge into one tree.
const loaders: Record<Locale, () => Promise<Messages[]>> = {
  en: () =>
    Promise.all([
      import('@/messages/en/common.json'),
      import('@/messages/en/public.json'),
      import('@/messages/en/organiser.json'),
      import('@/messages/en/emails.json'),
      import('@/messages/en/withdraw.json'),
      import('@/messages/en/versions.json'),
      import('@/messages/en/verify.json'),
    ]).then((mods) => mods.map((m) => m.default as Messages)),
  fr: () =>
    Promise.all([
      import('@/messages/fr/common.json'),
      import('@/messages/fr/public.json'),
      import('@/messages/fr/organiser.json'),
      import('@/messages/fr/emails.json'),
      import('@/messages/fr/withdraw.json'),
      import('@/messages/fr/versions.json'),
      import('@/messages/fr/verify.json'),
    ]).then((mods) => mods.map((m) => m.default as Messages)),
};

export async function loadMessages(locale: string): Promise<Messages> {
  const parts = await loaders[isLocale(locale) ? locale : defaultLocale]();
  return Object.assign({}, ...parts);
}
