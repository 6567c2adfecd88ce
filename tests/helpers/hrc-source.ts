import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import type { HrcStatementDetails } from '@/db/schema/campaigns';
import type { DocumentContext, DocumentSource, DocumentWriter } from '@/lib/documents/document-source';
import type { Signatory } from '@/lib/signatories/signatory';

export const hrcDetails = (overrides: Partial<HrcStatementDetails> = {}): HrcStatementDetails => ({
  session: 62,
  agendaItem: 4,
  sessionStartsOn: '2026-06-15',
  submitter: { name: 'Press Freedom Network', ecosocStatus: 'special' },
  contact: { name: 'Amina Diallo', email: 'amina@pressfreedom.example', phone: '+41 22 555 01 02' },
  ...overrides,
});

/** One signatory as the reader would yield it; identifying fields are nulled when not named. */
export function signatory(fields: Partial<Signatory> & Pick<Signatory, 'kind'>, number = 1): Signatory {
  const base: Signatory = {
    number,
    section: 'individual',
    kind: fields.kind,
    source: 'online',
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
    country: 'CH',
    date: '2026-05-01',
    versionNumber: 1,
  };
  return { ...base, ...fields };
}

export const organisation = (name: string, ecosocStatus: Signatory['ecosocStatus'], extra: Partial<Signatory> = {}) =>
  signatory({ kind: 'organisation', section: `organisation-${ecosocStatus ?? 'none'}`, organisationName: name, ecosocStatus, review: 'approved', ...extra });

export function memorySource(campaign: Partial<DocumentContext['campaign']>, rows: Signatory[], generatedAt = new Date('2026-05-20T10:00:00Z')): DocumentSource {
  const context: DocumentContext = {
    campaign: {
      slug: 'hrc-test',
      url: 'https://undersigned.test/c/hrc-test',
      kind: 'hrc-statement',
      title: 'the crackdown on journalists in the region',
      summary: null,
      letter: 'We, the undersigned organisations, are **gravely concerned**.',
      demands: [],
      addressees: [],
      language: 'en',
      organisedBy: null,
      place: null,
      hrc: hrcDetails(),
      ...campaign,
    },
    version: { number: 1, sha256: 'a'.repeat(64), createdAt: '2026-05-01T00:00:00Z' },
    versions: [{ number: 1, sha256: 'a'.repeat(64), signatories: rows.length }],
    counts: {
      total: rows.length,
      named: rows.filter((row) => row.named).length,
      withheld: rows.filter((row) => !row.named).length,
      people: rows.length,
      online: rows.length,
      paper: 0,
      unreviewed: 0,
      byKind: { individual: 0, notable: 0, organisation: 0, group: 0 },
      byVersion: { 1: rows.length },
    },
    filters: { reviewed: 'only', source: 'all' },
    generatedAt,
  };
  const numbered = rows.map((row, index) => ({ ...row, number: index + 1 }));
  return {
    context,
    read: async function* () {
      // Two pages, so a writer that keeps only the last page would lose rows.
      const half = Math.ceil(numbered.length / 2);
      if (half > 0) yield numbered.slice(0, half);
      if (numbered.length > half) yield numbered.slice(half);
    },
  };
}

/** Runs a writer into memory and opens the result as a zip. */
export async function writeToZip(writer: DocumentWriter, source: DocumentSource): Promise<{ bytes: Buffer; zip: JSZip; part: (name: string) => Promise<string> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writer(source, out);
  const bytes = Buffer.concat(chunks);
  const zip = await JSZip.loadAsync(bytes);
  return {
    bytes,
    zip,
    part: async (name) => {
      const file = zip.file(name);
      if (!file) throw new Error(`${name} is missing`);
      return file.async('string');
    },
  };
}
