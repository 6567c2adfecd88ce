import type { DocumentContext, DocumentSource } from '@/lib/documents/document-source';
import { SECTIONS, type Signatory, type SignatoryCounts } from '@/lib/signatories/signatory';

export type SignatoryInput = Partial<Omit<Signatory, 'number' | 'section'>> & Pick<Signatory, 'kind'>;

/** A signatory as readSignatories would yield it: withheld ones with every identifying field null. */
export function signatory(input: SignatoryInput): Omit<Signatory, 'number'> {
  const named = input.named ?? true;
  const source = input.source ?? 'online';
  const section: Signatory['section'] =
    source === 'paper' ? 'paper' : input.kind === 'organisation' ? `organisation-${input.ecosocStatus ?? 'none'}` : input.kind;
  type Identifying = Pick<Signatory, 'honorific' | 'givenName' | 'familyName' | 'title' | 'affiliation' | 'organisationName' | 'ecosocStatus' | 'website' | 'groupLabel' | 'groupRelationship' | 'country'>;
  const identifying: Identifying = {
    honorific: input.honorific ?? null,
    givenName: input.givenName ?? null,
    familyName: input.familyName ?? null,
    title: input.title ?? null,
    affiliation: input.affiliation ?? null,
    organisationName: input.organisationName ?? null,
    ecosocStatus: input.ecosocStatus ?? null,
    website: input.website ?? null,
    groupLabel: input.groupLabel ?? null,
    groupRelationship: input.groupRelationship ?? null,
    country: input.country ?? 'FR',
  };
  const withheld = Object.fromEntries(Object.keys(identifying).map((key) => [key, null])) as unknown as Identifying;
  return {
    section,
    kind: input.kind,
    source,
    named,
    review: input.review ?? 'not-needed',
    ...(named ? identifying : withheld),
    members: input.members ?? 1,
    date: input.date ?? '2026-03-01',
    versionNumber: input.versionNumber ?? 1,
  };
}

export function countsOf(rows: Omit<Signatory, 'number'>[]): SignatoryCounts {
  const counts: SignatoryCounts = {
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

export function documentContext(overrides: Partial<DocumentContext['campaign']> = {}, counts?: SignatoryCounts): DocumentContext {
  return {
    campaign: {
      slug: 'free-the-defenders',
      url: 'https://letters.example.org/en/c/free-the-defenders',
      kind: 'letter',
      title: 'Free the human rights defenders',
      summary: null,
      letter: 'Dear High Commissioner,\n\nWe write to you about the **detained** defenders.',
      demands: ['Release them', 'Allow independent monitors'],
      addressees: [{ name: 'Office of the High Commissioner for Human Rights', role: 'High Commissioner', postalAddress: 'Palais des Nations\nCH-1211 Geneva 10', email: null }],
      language: 'en',
      organisedBy: 'Coalition for Defenders',
      place: 'Geneva',
      hrc: null,
      ...overrides,
    },
    version: { number: 2, sha256: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00Z' },
    versions: [{ number: 2, sha256: 'a'.repeat(64), signatories: counts?.total ?? 0 }],
    counts: counts ?? countsOf([]),
    filters: { reviewed: 'all', source: 'all' },
    generatedAt: new Date('2026-11-23T10:00:00Z'),
  };
}

/** An in-memory DocumentSource ordered as readSignatories orders `section`: by section, named by country, then withheld. */
export function memorySource(rows: Omit<Signatory, 'number'>[], context: DocumentContext = documentContext({}, countsOf(rows)), pageSize = 100): DocumentSource {
  const ordered = [...rows].sort((a, b) => {
    const bySection = SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section);
    if (bySection !== 0) return bySection;
    if (a.named !== b.named) return a.named ? -1 : 1;
    return (a.country ?? '').localeCompare(b.country ?? '');
  });
  return {
    context,
    read: async function* (order) {
      const list = order === 'date' ? rows : ordered;
      for (let i = 0; i < list.length; i += pageSize) {
        yield list.slice(i, i + pageSize).map((row, j) => ({ ...row, number: i + j + 1 }));
      }
    },
  };
}
