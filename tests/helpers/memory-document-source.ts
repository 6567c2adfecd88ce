import { countryName } from '@/lib/countries/country-codes';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import JSZip from 'jszip';
import type { HrcStatementDetails } from '@/db/schema/campaigns';
import type { DocumentContext, DocumentSource, DocumentWriter } from '@/lib/documents/document-source';
import { emptySignatoryCounts, IDENTIFYING_FIELDS, sectionOf, SECTIONS, type Signatory, type SignatoryCounts } from '@/lib/signatories/signatory';


/**
 * One signatory as readSignatories yields it: the section follows from kind, source and ECOSOC
 * status unless given, identifying fields are null unless given, and all of them are null when
 * the signatory is not named.
 */
export function signatory(fields: Partial<Signatory> = {}): Signatory {
  const kind = fields.kind ?? 'individual';
  const source = fields.source ?? 'online';
  const section = fields.section ?? sectionOf({ source, kind, ecosocStatus: fields.ecosocStatus ?? null });
  const row: Signatory = {
    number: 1,
    named: true,
    review: 'not-needed',
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
    members: 1,
    country: 'FR',
    date: '2026-03-01',
    versionNumber: 1,
    ...fields,
    kind,
    source,
    section,
  };
  if (!row.named) for (const field of IDENTIFYING_FIELDS) row[field] = null;
  return row;
}

/**
 * What a withheld signer really typed, carried on the row object beside the contract's fields
 * (as a careless reader might have left it). A writer that reads only the Signatory fields
 * never prints it; one that serialises or walks the whole object does, and the tests see it.
 */
export function withSecrets<T extends Signatory>(row: T, secrets: Record<string, string>): T {
  return Object.assign(row, secrets);
}

export function countsOf(rows: Signatory[]): SignatoryCounts {
  const counts = emptySignatoryCounts();
  for (const row of rows) {
    counts.total++;
    counts[row.named ? 'named' : 'withheld']++;
    counts.people += row.members;
    counts[row.source]++;
    if (row.review === 'pending') counts.unreviewed++;
    counts.byKind[row.kind]++;
    counts.byVersion[row.versionNumber] = (counts.byVersion[row.versionNumber] ?? 0) + 1;
  }
  return counts;
}

/** Version 1 is hashed 'aaa…', version 2 'bbb…', and so on. */
const versionSha = (number: number) => String.fromCharCode(96 + number).repeat(64);

export type ContextOverrides = Partial<Omit<DocumentContext, 'campaign'>> & { campaign?: Partial<DocumentContext['campaign']> };

/**
 * The context loadDocumentSource would build for `rows`: counts from the rows, and the versions
 * they signed with their counts, under a letter in its second version.
 */
export function documentContext(overrides: ContextOverrides = {}, rows: Signatory[] = []): DocumentContext {
  const { campaign, ...rest } = overrides;
  const counts = overrides.counts ?? countsOf(rows);
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
      ...campaign,
    },
    version: { number: 2, sha256: versionSha(2), createdAt: '2026-03-01T10:00:00.000Z' },
    versions: Object.entries(counts.byVersion).map(([number, signatories]) => ({ number: Number(number), sha256: versionSha(Number(number)), signatories })),
    counts,
    filters: { reviewed: 'all', source: 'all' },
    generatedAt: new Date('2026-03-14T09:30:00.000Z'),
    ...rest,
  };
}

export type MemorySource = DocumentSource & {
  /** The order of each read, in the order the writer asked. */
  reads: ('date' | 'section')[];
  pagesServed: () => number;
};

/**
 * A source over rows held in memory, given in confirmation order, served in pages of
 * `pageSize` and numbered as read. `section` order is the reader's: by section, each
 * section's named signatories by country, then its withheld ones.
 */
export function memorySource(rows: Signatory[], options: { context?: ContextOverrides; pageSize?: number } = {}): MemorySource {
  const pageSize = options.pageSize ?? 3;
  const bySection = [...rows].sort((a, b) => {
    const section = SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section);
    if (section !== 0) return section;
    if (a.named !== b.named) return a.named ? -1 : 1;
    // As the reader yields them for an English document: countries by name.
    return a.named ? countryName(a.country ?? '', 'en').localeCompare(countryName(b.country ?? '', 'en'), 'en') : 0;
  });
  let pagesServed = 0;
  const source: MemorySource = {
    context: documentContext(options.context, rows),
    reads: [],
    pagesServed: () => pagesServed,
    read(order) {
      source.reads.push(order);
      const list = order === 'section' ? bySection : rows;
      return (async function* () {
        for (let i = 0; i < list.length; i += pageSize) {
          pagesServed++;
          // Spread, not rebuilt: whatever else a row carries (see withSecrets) reaches the writer.
          yield list.slice(i, i + pageSize).map((row, j) => ({ ...row, number: i + j + 1 }));
        }
      })();
    },
  };
  return source;
}

/** Runs a writer into memory and returns every byte it wrote; fails if it did not end the output. */
export async function writeToBuffer(writer: DocumentWriter, source: DocumentSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  await writer(source, out);
  if (!out.writableEnded) throw new Error('The writer did not end its output');
  await finished(out);
  return Buffer.concat(chunks);
}

/** Every file of a DOCX or XLSX as text; `part` fails on a file that is not there. */
export async function readZip(bytes: Buffer): Promise<{ files: Record<string, string>; part: (name: string) => string }> {
  const zip = await JSZip.loadAsync(bytes);
  const files: Record<string, string> = {};
  for (const file of Object.values(zip.files)) if (!file.dir) files[file.name] = await file.async('string');
  const part = (name: string) => {
    if (!(name in files)) throw new Error(`${name} is missing`);
    return files[name];
  };
  return { files, part };
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
      givenName: 'Maryam',
      familyName: 'Rostami',
      groupLabel: 'Families of the disappeared of 1988',
      groupRelationship: 'Relatives',
      members: 1112,
      country: 'SE',
      date: '2026-03-04',
    }),
    withSecrets(signatory({ number: 5, named: false, date: '2026-03-05' }), WITHHELD_SECRETS),
    withSecrets(signatory({ number: 6, kind: 'group', named: false, members: 6, date: '2026-03-06', versionNumber: 2 }), GROUP_SECRETS),
    signatory({ number: 7, source: 'paper', ...PERSIAN, country: 'IR', date: '2026-03-07', versionNumber: 2 }),
    signatory({ number: 8, kind: 'notable', review: 'pending', ...ARABIC, country: 'EG', date: '2026-03-08', versionNumber: 2 }),
    signatory({ number: 9, ...HOSTILE, kind: 'organisation', ecosocStatus: 'none', country: 'US', date: '2026-03-09', versionNumber: 2 }),
  ];
}

export const hrcDetails = (overrides: Partial<HrcStatementDetails> = {}): HrcStatementDetails => ({
  session: 62,
  agendaItem: 4,
  sessionStartsOn: '2026-06-15',
  submitter: { name: 'Press Freedom Network', ecosocStatus: 'special' },
  contact: { name: 'Amina Diallo', email: 'amina@pressfreedom.example', phone: '+41 22 555 01 02' },
  ...overrides,
});

/** An approved organisation in the section of its ECOSOC status. */
export const organisation = (name: string, ecosocStatus: Signatory['ecosocStatus'], extra: Partial<Signatory> = {}) =>
  signatory({ kind: 'organisation', organisationName: name, ecosocStatus, review: 'approved', ...extra });
