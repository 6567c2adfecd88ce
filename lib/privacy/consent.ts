import type { Db, Tx } from '@/db/client';
import { consentTexts } from '@/db/schema';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';

/**
 * The consent wording shown beside the sign form's checkbox. Signing reveals a political
 * opinion (GDPR Art. 9), so consent must be explicit and provable: each signature stores
 * the version and locale, and the exact text of each version is kept in consent_texts.
 * Changing a word means a new version.
 */
export const CONSENT_VERSION = '2026-11-22';

export const consentTextByLocale = {
  en:
    'I sign this letter and agree that its organisers and Undersigned process my name, email address, country and title ' +
    'to verify and count my signature and to deliver the list of signatories to the addressees. If I chose to be named, ' +
    'my name, title and country are shown on this page and in the list delivered; otherwise I am only counted. ' +
    'My email address is never published. I can withdraw my signature at any time.',
  fr:
    'Je signe cette lettre et j’accepte que ses organisateurs et Undersigned traitent mes nom, adresse e-mail, pays et titre ' +
    'afin de vérifier et de compter ma signature et de remettre la liste des signataires aux destinataires. Si j’ai choisi ' +
    'd’être nommé·e, mes nom, titre et pays sont affichés sur cette page et dans la liste remise ; sinon je suis seulement ' +
    'compté·e. Mon adresse e-mail n’est jamais publiée. Je peux retirer ma signature à tout moment.',
} as const;

export function consentText(locale: string): { version: string; locale: string; text: string } {
  const chosen = isLocale(locale) ? locale : defaultLocale;
  return { version: CONSENT_VERSION, locale: chosen, text: consentTextByLocale[chosen] };
}

/** Makes sure the current wording is on record; cheap and idempotent. */
export async function recordConsentTexts(db: Db | Tx): Promise<void> {
  await db
    .insert(consentTexts)
    .values(Object.entries(consentTextByLocale).map(([locale, text]) => ({ version: CONSENT_VERSION, locale, text })))
    .onConflictDoNothing({ target: [consentTexts.version, consentTexts.locale] });
}
