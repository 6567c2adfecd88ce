import type { Db, Tx } from '@/db/client';
import { consentTexts } from '@/db/schema';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';

/**
 * The consent wording shown beside the sign form's checkbox. Signing reveals a political
 * opinion (GDPR Art. 9), so consent must be explicit and provable: each signature stores
 * the version and locale, and the exact text of each version is kept in consent_texts.
 * Changing a word means a new version.
 */
export const CONSENT_VERSION = '2026-11-24';

export const consentTextByLocale = {
  en:
    'I sign this letter and agree that its organisers and Undersigned process what I give here (my name, email address, ' +
    'country, and any title, affiliation, organisation or group details) to verify and count my signature and to deliver ' +
    'the list of signatories to the addressees. If I chose public, my name and details are shown on this page and in the ' +
    'list delivered; if I chose confidential, only in the list delivered to the addressees; if I chose counted only, my ' +
    'name appears nowhere. The organisers may check the entries of notable people and organisations before naming them. ' +
    'My email address is never published. I can withdraw my signature at any time.',
  fr:
    'Je signe cette lettre et j’accepte que ses organisateurs et Undersigned traitent ce que je donne ici (mes nom, adresse ' +
    'e-mail, pays, et le cas échéant titre, affiliation, organisation ou groupe) afin de vérifier et de compter ma signature ' +
    'et de remettre la liste des signataires aux destinataires. Si j’ai choisi « public », mon nom et ces informations ' +
    'figurent sur cette page et dans la liste remise ; si j’ai choisi « confidentiel », seulement dans la liste remise aux ' +
    'destinataires ; si j’ai choisi « compté seulement », mon nom n’apparaît nulle part. Les organisateurs peuvent vérifier ' +
    'les inscriptions des personnalités et des organisations avant de les nommer. Mon adresse e-mail n’est jamais publiée. ' +
    'Je peux retirer ma signature à tout moment.',
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
