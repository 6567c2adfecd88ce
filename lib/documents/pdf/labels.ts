import type { Section } from '@/lib/signatories/signatory';

/** The words the document adds around the organisers' and signers' text. */
export type Labels = {
  page: (page: string, pages: string) => string;
  annex: string;
  total: (total: string, one: boolean) => string;
  bySource: (online: string, paper: string) => string;
  people: (people: string) => string;
  unreviewedNote: (count: string, mark: string) => string;
  sections: Record<Section, string>;
  continued: string;
  namesWithheld: string;
  nameWithheld: string;
  noCountry: string;
  unreviewed: string;
  members: (count: string, one: boolean) => string;
  demands: string;
  version: (number: number, sha256: string) => string;
  versions: string;
  versionCount: (number: number, sha256: string, signatories: string, one: boolean) => string;
};

const en: Labels = {
  page: (page, pages) => `Page ${page} of ${pages}`,
  annex: 'Annex: signatories',
  total: (total, one) => `${total} ${one ? 'signatory' : 'signatories'}`,
  bySource: (online, paper) => `${online} online, ${paper} on paper`,
  people: (people) => `${people} people, counting the members of each group`,
  unreviewedNote: (count, mark) => `Signatures not yet reviewed by the organisers (${count}) are marked ${mark}.`,
  sections: {
    'organisation-general': 'Organisations in general consultative status with ECOSOC',
    'organisation-special': 'Organisations in special consultative status with ECOSOC',
    'organisation-roster': 'Organisations on the ECOSOC Roster',
    'organisation-none': 'Organisations',
    notable: 'Notable signatories',
    individual: 'Individuals',
    group: 'Families and groups',
    paper: 'Signatures collected on paper',
  },
  continued: 'continued',
  namesWithheld: 'Names withheld',
  nameWithheld: "Name withheld at the signatory's request",
  noCountry: 'Country not given',
  unreviewed: '[unreviewed]',
  members: (count, one) => (one ? `(${count} person)` : `(${count} people)`),
  demands: 'Our demands',
  version: (number, sha256) => `Text of the letter: version ${number}, SHA-256 ${sha256}`,
  versions: 'Versions signed:',
  versionCount: (number, sha256, signatories, one) => `version ${number} (SHA-256 ${sha256}): ${signatories} ${one ? 'signatory' : 'signatories'}`,
};

const fr: Labels = {
  page: (page, pages) => `Page ${page} sur ${pages}`,
  annex: 'Annexe : signataires',
  total: (total, one) => `${total} ${one ? 'signataire' : 'signataires'}`,
  bySource: (online, paper) => `${online} en ligne, ${paper} sur papier`,
  people: (people) => `${people} personnes, en comptant les membres de chaque groupe`,
  unreviewedNote: (count, mark) => `Les signatures que les organisateurs n’ont pas encore vérifiées (${count}) portent la mention ${mark}.`,
  sections: {
    'organisation-general': "Organisations dotées du statut consultatif général auprès de l'ECOSOC",
    'organisation-special': "Organisations dotées du statut consultatif spécial auprès de l'ECOSOC",
    'organisation-roster': "Organisations inscrites sur la Liste de l'ECOSOC",
    'organisation-none': 'Organisations',
    notable: 'Personnalités',
    individual: 'Personnes',
    group: 'Familles et groupes',
    paper: 'Signatures recueillies sur papier',
  },
  continued: 'suite',
  namesWithheld: 'Noms non publiés',
  nameWithheld: 'Nom non publié à la demande du signataire',
  noCountry: 'Pays non indiqué',
  unreviewed: '[non vérifié]',
  members: (count, one) => (one ? `(${count} personne)` : `(${count} personnes)`),
  demands: 'Nos demandes',
  version: (number, sha256) => `Texte de la lettre : version ${number}, SHA-256 ${sha256}`,
  versions: 'Versions signées :',
  versionCount: (number, sha256, signatories, one) => `version ${number} (SHA-256 ${sha256}) : ${signatories} ${one ? 'signataire' : 'signataires'}`,
};

const es: Labels = {
  page: (page, pages) => `Página ${page} de ${pages}`,
  annex: 'Anexo: firmantes',
  total: (total, one) => `${total} ${one ? 'firmante' : 'firmantes'}`,
  bySource: (online, paper) => `${online} en línea, ${paper} en papel`,
  people: (people) => `${people} personas, contando a los miembros de cada grupo`,
  unreviewedNote: (count, mark) => `Las firmas aún no revisadas por los organizadores (${count}) llevan la marca ${mark}.`,
  sections: {
    'organisation-general': 'Organizaciones reconocidas como entidades consultivas generales del ECOSOC',
    'organisation-special': 'Organizaciones reconocidas como entidades consultivas especiales del ECOSOC',
    'organisation-roster': 'Organizaciones incluidas en la Lista del ECOSOC',
    'organisation-none': 'Organizaciones',
    notable: 'Personalidades',
    individual: 'Personas',
    group: 'Familias y grupos',
    paper: 'Firmas recogidas en papel',
  },
  continued: 'continuación',
  namesWithheld: 'Nombres no publicados',
  nameWithheld: 'Nombre no publicado a petición del firmante',
  noCountry: 'País no indicado',
  unreviewed: '[sin revisar]',
  members: (count, one) => (one ? `(${count} persona)` : `(${count} personas)`),
  demands: 'Nuestras demandas',
  version: (number, sha256) => `Texto de la carta: versión ${number}, SHA-256 ${sha256}`,
  versions: 'Versiones firmadas:',
  versionCount: (number, sha256, signatories, one) => `versión ${number} (SHA-256 ${sha256}): ${signatories} ${one ? 'firmante' : 'firmantes'}`,
};

const LABELS: Record<string, Labels> = { en, fr, es };

/** The document's own words in its language; English when there is no translation. */
export function labelsFor(language: string): Labels {
  return LABELS[primaryTag(language)] ?? en;
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv', 'sd', 'ug']);

export function languageDirection(language: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(primaryTag(language)) ? 'rtl' : 'ltr';
}

function primaryTag(language: string): string {
  return language.toLowerCase().split(/[-_]/)[0];
}

function safeLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(primaryTag(language))[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Documents for the UN date in the Gregorian calendar with Latin digits, whatever the language. */
export function formatDocumentDate(date: Date, language: string): string {
  // British English writes "23 November 2026", as the UN does.
  const locale = safeLocale(language) === 'en' ? 'en-GB' : safeLocale(language);
  const format = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  // Arabic dates carry invisible right-to-left marks; the document's own bidi pass orders them.
  return format.format(date).replace(/[\u200e\u200f\u061c]/g, '');
}

/** Counts with Latin digits and the language's grouping. */
export function numberFormatter(language: string): (n: number) => string {
  const format = new Intl.NumberFormat(`${safeLocale(language)}-u-nu-latn`);
  return (n) => format.format(n);
}

/** Country names in the document's language, from ISO 3166-1 alpha-2 codes. */
export function countryNamer(language: string): (code: string) => string {
  const names = new Intl.DisplayNames([safeLocale(language), 'en'], { type: 'region', fallback: 'code' });
  const cache = new Map<string, string>();
  return (code) => {
    let name = cache.get(code);
    if (name === undefined) {
      try {
        name = names.of(code.toUpperCase()) ?? code;
      } catch {
        name = code;
      }
      cache.set(code, name);
    }
    return name;
  };
}
