import type { EcosocStatus, SignerKind } from '@/db/schema/campaigns';
import { countryName } from '@/lib/countries/country-codes';
import type { ReviewState, Signatory } from '@/lib/signatories/signatory';

export const WITHHELD = 'Name withheld at the signatory’s request';

/**
 * The columns of the CSV and XLSX lists. `Name` is the line as an annex prints it (honorific
 * and names, the organisation's or the group's name, or the withheld text), so an officer can
 * paste No. and Name straight into a UN annex; the parts follow for sorting by family name.
 */
export const SIGNATORY_COLUMNS = [
  'No.',
  'Name',
  'Kind',
  'Honorific',
  'Given name',
  'Family name',
  'Title',
  'Affiliation',
  'Organisation',
  'ECOSOC status',
  'Group',
  'People',
  'Country',
  'Country code',
  'Source',
  'Review',
  'Version',
  'Date confirmed (UTC)',
] as const;

export type SignatoryCell = string | number | null;

const KIND: Record<SignerKind, string> = { individual: 'Individual', notable: 'Notable', organisation: 'Organisation', group: 'Group' };
const ECOSOC: Record<EcosocStatus, string> = { general: 'General', special: 'Special', roster: 'Roster', none: 'None' };
const REVIEW: Record<ReviewState, string | null> = { 'not-needed': null, pending: 'Unreviewed', approved: 'Approved', rejected: 'Rejected' };
const SOURCE = { online: 'Online', paper: 'Paper' } as const;

// A million rows name a few hundred countries: each name is looked up once per process.
const countryNames = new Map<string, string>();
function englishCountry(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) countryNames.set(code, (name = countryName(code, 'en')));
  return name;
}

/** How a signatory is named on one line of an annex; the withheld text when not named. */
export function displayName(s: Signatory): string {
  if (!s.named) return WITHHELD;
  if (s.kind === 'organisation' && s.organisationName) return s.organisationName;
  if (s.kind === 'group' && s.groupLabel) return s.groupLabel;
  let name = s.honorific ?? '';
  if (s.givenName) name = name ? `${name} ${s.givenName}` : s.givenName;
  if (s.familyName) name = name ? `${name} ${s.familyName}` : s.familyName;
  return name;
}

/**
 * One row of the list, in SIGNATORY_COLUMNS order, built from the Signatory alone: a withheld
 * row shows its number, kind, source, people, review, version and date, all else blank.
 * Country names are in English, as UN annexes print them.
 */
export function signatoryCells(s: Signatory): SignatoryCell[] {
  return [
    s.number,
    displayName(s),
    KIND[s.kind],
    s.honorific,
    s.givenName,
    s.familyName,
    s.title,
    s.affiliation,
    s.organisationName,
    s.ecosocStatus ? ECOSOC[s.ecosocStatus] : null,
    s.groupLabel,
    s.members,
    s.country ? englishCountry(s.country) : null,
    s.country,
    SOURCE[s.source],
    REVIEW[s.review],
    s.versionNumber,
    s.date,
  ];
}
