import { Writable } from 'node:stream';
import type { DocumentContext, DocumentSource, DocumentWriter } from '@/lib/documents/document-source';
import type { Signatory } from '@/lib/signatories/signatory';

/** A signatory with every field, for tests: named unless `named: false` nulls what the reader nulls. */
export function signatory(overrides: Partial<Signatory> & { number: number }): Signatory {
  const base: Signatory = {
    section: 'individual',
    kind: 'individual',
    source: 'online',
    named: true,
    review: 'not-needed',
    honorific: null,
    givenName: 'Ana',
    familyName: 'Velez',
    title: null,
    affiliation: null,
    organisationName: null,
    ecosocStatus: null,
    website: null,
    groupLabel: null,
    groupRelationship: null,
    members: 1,
    country: 'FR',
    date: '2026-03-13',
    versionNumber: 1,
    ...overrides,
  };
  if (base.named) return base;
  return {
    ...base,
    honorific: null,
    givenName: null,
    familyName: null,
    title: null,
    affiliation: null,
    organisationName: null,
    ecosocStatus: null,
    website: null,
    groupLabel: null,
    groupRelationship: null,
    country: null,
  };
}

/**
 * What a withheld signer really typed, carried on the row object beside the contract's fields
 * (as a careless reader might have left it). A writer that reads only the Signatory fields
 * never prints it; one that serialises or walks the whole object does, and the tests see it.
 */
export function withSecrets<T extends Signatory>(row: T, secrets: Record<string, string>): T {
  return Object.assign(row, secrets);
}

export function context(overrides: Partial<DocumentContext> = {}): DocumentContext {
  return {
    campaign: {
      slug: 'free-the-five',
      url: 'https://letters.example.org/c/free-the-five',
      kind: 'letter',
      title: 'Free the Harbour Street Five',
      summary: 'Five journalists detained for their reporting.',
      letter: 'Excellency,\n\nWe write about **five journalists**.',
      demands: ['Release them'],
      addressees: [{ name: 'UN High Commissioner for Human Rights', role: 'High Commissioner', email: 'hc-office@ohchr.example' }],
      language: 'en',
      organisedBy: 'Press Freedom Network',
      place: 'Geneva',
      hrc: null,
    },
    version: { number: 2, sha256: 'b'.repeat(64), createdAt: '2026-03-01T10:00:00.000Z' },
    versions: [
      { number: 1, sha256: 'a'.repeat(64), signatories: 3 },
      { number: 2, sha256: 'b'.repeat(64), signatories: 6 },
    ],
    counts: {
      total: 9,
      named: 7,
      withheld: 2,
      people: 1125,
      online: 8,
      paper: 1,
      unreviewed: 1,
      byKind: { individual: 3, notable: 2, organisation: 2, group: 2 },
      byVersion: { 1: 3, 2: 6 },
    },
    filters: { reviewed: 'all', source: 'all' },
    generatedAt: new Date('2026-03-14T09:30:00.000Z'),
    ...overrides,
  };
}

/** A source over rows held in memory, served in pages of `pageSize`; it records what was asked. */
export function memorySource(rows: Signatory[], options: { context?: DocumentContext; pageSize?: number } = {}) {
  const reads: ('date' | 'section')[] = [];
  let pagesServed = 0;
  const pageSize = options.pageSize ?? 3;
  const source: DocumentSource = {
    context: options.context ?? context(),
    read(order) {
      reads.push(order);
      return (async function* () {
        for (let i = 0; i < rows.length; i += pageSize) {
          pagesServed++;
          yield rows.slice(i, i + pageSize);
        }
      })();
    },
  };
  return { source, reads, pagesServed: () => pagesServed };
}

/** Runs a writer into memory and returns every byte it wrote; fails if it did not end the output. */
export async function writeToBuffer(writer: DocumentWriter, source: DocumentSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let ended = false;
  const out = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
    final(callback) {
      ended = true;
      callback();
    },
  });
  await writer(source, out);
  if (!ended) throw new Error('The writer did not end its output');
  return Buffer.concat(chunks);
}

/** What withheld signers typed; none of it may appear in any document. */
export const WITHHELD_SECRETS = {
  typedGivenName: 'Zhaleh',
  typedFamilyName: 'Secretfamilyname',
  typedTitle: 'Witness in case 4471',
  email: 'zhaleh.hidden@example.org',
  typedCity: 'Zahedan-hidden',
};
export const GROUP_SECRETS = {
  typedGroupLabel: 'Family of Navid Hiddenlabel',
  typedRelationship: 'Mother of the detained',
  typedGivenName: 'Parvin',
  typedFamilyName: 'Concealedname',
};

/** Hostile input as signers may type it. */
export const HOSTILE = {
  givenName: '=HYPERLINK("http://evil.example","click")',
  familyName: '+1-555',
  title: '@SUM(A1:A9)',
  affiliation: '-2+3',
  organisationName: '\u0001\u000bControl\u0007 Chars\uFFFE Org',
};

export const PERSIAN = { givenName: 'فریده', familyName: 'محمدی', title: 'محمدرضا حسینی‌نژاد، وکیل' };
export const ARABIC = { givenName: 'عبدالله', familyName: 'الخطيب', affiliation: 'جامعة القاهرة' };

/** One of each kind, withheld ones, paper, unreviewed, hostile and Persian/Arabic rows, in confirmation order. */
export function sampleSignatories(): Signatory[] {
  return [
    signatory({ number: 1, givenName: 'Helena', familyName: 'Marsh', country: 'GB', date: '2026-03-01' }),
    signatory({
      number: 2,
      kind: 'notable',
      section: 'notable',
      review: 'approved',
      honorific: 'Prof.',
      givenName: 'Jane',
      familyName: 'Doe',
      title: 'Former UN Special Rapporteur on X (2000-2008)',
      affiliation: 'University of Northbridge',
      country: 'CH',
      date: '2026-03-02',
      versionNumber: 2,
    }),
    signatory({
      number: 3,
      kind: 'organisation',
      section: 'organisation-special',
      review: 'approved',
      givenName: 'Lucía',
      familyName: 'Ortega',
      organisationName: 'Comité de Soutien aux Droits de l’Homme en Iran',
      ecosocStatus: 'special',
      website: 'https://csdhi.example',
      country: 'FR',
      date: '2026-03-03',
      versionNumber: 2,
    }),
    signatory({
      number: 4,
      kind: 'group',
      section: 'group',
      givenName: 'Maryam',
      familyName: 'Rostami',
      groupLabel: 'Families of the disappeared of 1988',
      groupRelationship: 'Relatives',
      members: 1112,
      country: 'SE',
      date: '2026-03-04',
    }),
    withSecrets(signatory({ number: 5, named: false, date: '2026-03-05' }), WITHHELD_SECRETS),
    withSecrets(signatory({ number: 6, kind: 'group', section: 'group', named: false, members: 6, date: '2026-03-06', versionNumber: 2 }), GROUP_SECRETS),
    signatory({ number: 7, source: 'paper', section: 'paper', ...PERSIAN, country: 'IR', date: '2026-03-07', versionNumber: 2 }),
    signatory({ number: 8, kind: 'notable', section: 'notable', review: 'pending', ...ARABIC, country: 'EG', date: '2026-03-08', versionNumber: 2 }),
    signatory({ number: 9, ...HOSTILE, kind: 'organisation', section: 'organisation-none', ecosocStatus: 'none', country: 'US', date: '2026-03-09', versionNumber: 2 }),
  ];
}
