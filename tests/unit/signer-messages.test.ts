import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { loadMessages, loadOwnMessages } from '@/lib/i18n/messages';

/** Everything a signer can see: pages, the language switcher, the footer, and every mail to a signer. */
const SIGNER_NAMESPACES = ['common', 'public', 'withdraw', 'versions', 'verify'];
const SIGNER_MAIL_KEYS = ['footer', 'fallback', 'withdrawLink', 'confirm', 'alreadySigned', 'withdraw', 'rejected', 'receipt'];

/** Strings that are the same in every language: names of languages and of a hash function. */
const LATIN_ONLY = ['common.languages.en', 'common.languages.fr', 'versions.fingerprint', 'verify.packet.sha256'];

type Tree = Record<string, unknown>;

function leaves(tree: unknown, path: string[] = []): [string, string][] {
  if (typeof tree === 'string') return [[path.join('.'), tree]];
  return Object.entries(tree as Tree).flatMap(([key, value]) => leaves(value, [...path, key]));
}

function signerLeaves(messages: Tree): Map<string, string> {
  const emails = messages.emails as Tree;
  return new Map([
    ...SIGNER_NAMESPACES.flatMap((namespace) => leaves(messages[namespace], [namespace])),
    ...SIGNER_MAIL_KEYS.flatMap((key) => leaves(emails[key], ['emails', key])),
  ]);
}

/** The names of a message's arguments ({title}, {count, plural, …}), however deeply nested. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, found);
      continue;
    }
    found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

describe.each(['fa', 'ar'] as const)('the %s signing journey', (locale) => {
  it('has every string English has, in its own words', async () => {
    const english = signerLeaves(await loadOwnMessages('en'));
    const own = signerLeaves(await loadOwnMessages(locale));
    const missing = [...english.keys()].filter((key) => !own.has(key));
    expect(missing).toEqual([]);
    const extra = [...own.keys()].filter((key) => !english.has(key));
    expect(extra).toEqual([]);
    // Copied English would pass the key check; only language names, hash names and examples stay Latin.
    const latinOnly = [...own].filter(([, text]) => /[A-Za-z]{3,}/.test(text) && !/[\u0600-\u06FF]/.test(text)).map(([key]) => key);
    expect(latinOnly).toEqual(LATIN_ONLY);
  });

  it('parses as ICU and uses the same placeholders as English', async () => {
    const english = signerLeaves(await loadOwnMessages('en'));
    const own = signerLeaves(await loadOwnMessages(locale));
    for (const [key, text] of own) {
      const ownArgs = argumentsOf(parse(text));
      const englishArgs = argumentsOf(parse(english.get(key)!));
      expect([key, [...ownArgs].sort()]).toEqual([key, [...englishArgs].sort()]);
    }
  });

  it('falls back to English for the organiser area, which is not translated', async () => {
    const messages = (await loadMessages(locale)) as { organiser: { nav: { dashboard: string } }; public: { sign: { email: string } } };
    const english = (await loadMessages('en')) as typeof messages;
    expect(messages.organiser.nav.dashboard).toBe(english.organiser.nav.dashboard);
    expect(messages.public.sign.email).not.toBe(english.public.sign.email);
  });
});
