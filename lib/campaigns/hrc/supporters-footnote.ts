/** The languages the Human Rights Council takes written statements in. */
export const HRC_STATEMENT_LANGUAGES = ['en', 'fr', 'es'] as const;
export type HrcStatementLanguage = (typeof HRC_STATEMENT_LANGUAGES)[number];

export function isHrcStatementLanguage(language: string): language is HrcStatementLanguage {
  return (HRC_STATEMENT_LANGUAGES as readonly string[]).includes(language);
}

const sentences: Record<HrcStatementLanguage, { one: string; many: string; and: string }> = {
  en: { one: 'also shares the views expressed in this statement.', many: 'also share the views expressed in this statement.', and: 'and' },
  fr: {
    one: 'partage également les opinions exprimées dans la présente déclaration.',
    many: 'partagent également les opinions exprimées dans la présente déclaration.',
    and: 'et',
  },
  es: {
    one: 'también comparte las opiniones expresadas en esta declaración.',
    many: 'también comparten las opiniones expresadas en esta declaración.',
    and: 'y',
  },
};

/**
 * The footnote to the title naming the NGOs without ECOSOC status that back the statement
 * ("A, B and C also share the views expressed in this statement."), in the statement's
 * language; null when there are none. Names are printed exactly as given.
 */
export function supportersFootnote(names: readonly string[], language: string): string | null {
  if (names.length === 0) return null;
  const words = sentences[isHrcStatementLanguage(language) ? language : 'en'];
  if (names.length === 1) return `${names[0]} ${words.one}`;
  const last = names[names.length - 1];
  // Spanish writes "e" for "y" before a word sounding /i/ (i-, hi-, but not hie-/hia-).
  const and = language === 'es' && /^[hH]?[iíIÍ](?![aeAE])/.test(last) ? 'e' : words.and;
  return `${names.slice(0, -1).join(', ')} ${and} ${last} ${words.many}`;
}
