import type { EcosocStatus, SignerKind } from '@/db/schema/campaigns';

/**
 * The parts of a document's annex, in the order they are printed: organisations by ECOSOC
 * status, notable individuals, individuals, groups, then everything collected on paper.
 */
export const SECTIONS = [
  'organisation-general',
  'organisation-special',
  'organisation-roster',
  'organisation-none',
  'notable',
  'individual',
  'group',
  'paper',
] as const;
export type Section = (typeof SECTIONS)[number];

export type ReviewState = 'not-needed' | 'pending' | 'approved' | 'rejected';

/**
 * One signatory as a document for the addressees sees it. When `named` is false every
 * identifying field is null: the writer prints a numbered "name withheld" line and cannot
 * do otherwise, because the data is not there.
 */
export type Signatory = {
  /** 1-based position in the document, in the order read. */
  number: number;
  section: Section;
  kind: SignerKind;
  source: 'online' | 'paper';
  named: boolean;
  /** `pending` appears only when unreviewed signatures were asked for; writers mark it. */
  review: ReviewState;
  honorific: string | null;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  affiliation: string | null;
  organisationName: string | null;
  ecosocStatus: EcosocStatus | null;
  website: string | null;
  groupLabel: string | null;
  groupRelationship: string | null;
  /** People behind the signature: a group's members, 1 otherwise. */
  members: number;
  /** ISO 3166-1 alpha-2; null when the name is withheld. */
  country: string | null;
  /** Date confirmed (online) or imported (paper), YYYY-MM-DD, UTC. */
  date: string;
  versionNumber: number;
};

export type SignatoryCounts = {
  total: number;
  named: number;
  withheld: number;
  people: number;
  online: number;
  paper: number;
  unreviewed: number;
  byKind: Record<SignerKind, number>;
  /** The letter versions the signatories were given, with how many signed each. */
  byVersion: Record<number, number>;
};

/** Every field that could identify a signatory: all null when the signatory is not named. */
export const IDENTIFYING_FIELDS = [
  'honorific',
  'givenName',
  'familyName',
  'title',
  'affiliation',
  'organisationName',
  'ecosocStatus',
  'website',
  'groupLabel',
  'groupRelationship',
  'country',
] as const satisfies readonly (keyof Signatory)[];

/** The annex section a signatory is printed in. */
export function sectionOf(row: { source: 'online' | 'paper'; kind: SignerKind; ecosocStatus: EcosocStatus | null }): Section {
  if (row.source === 'paper') return 'paper';
  return row.kind === 'organisation' ? `organisation-${row.ecosocStatus ?? 'none'}` : row.kind;
}

export function emptySignatoryCounts(): SignatoryCounts {
  return {
    total: 0,
    named: 0,
    withheld: 0,
    people: 0,
    online: 0,
    paper: 0,
    unreviewed: 0,
    byKind: { individual: 0, notable: 0, organisation: 0, group: 0 },
    byVersion: {},
  };
}
