import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DocumentContext } from '@/lib/documents/document-source';
import type { PlacedLine } from '@/lib/documents/pdf/layout';
import { formatDocumentDate } from '@/lib/documents/pdf/labels';
import { createPdfWriter } from '@/lib/documents/pdf/write-pdf';
import type { Signatory } from '@/lib/signatories/signatory';
import { memorySource, signatory, writeToBuffer } from '../helpers/memory-document-source';

type Written = { pdf: string; lines: PlacedLine[]; pages: Map<number, string[]> };

/** A letter to the High Commissioner with a postal address, in force at version 2, generated on 23 November 2026. */
const defenders = (campaign: Partial<DocumentContext['campaign']> = {}) => ({
  campaign: {
    slug: 'free-the-defenders',
    url: 'https://letters.example.org/en/c/free-the-defenders',
    title: 'Free the human rights defenders',
    summary: null,
    letter: 'Dear High Commissioner,\n\nWe write to you about the **detained** defenders.',
    demands: ['Release them', 'Allow independent monitors'],
    addressees: [{ name: 'Office of the High Commissioner for Human Rights', role: 'High Commissioner', postalAddress: 'Palais des Nations\nCH-1211 Geneva 10', email: null }],
    organisedBy: 'Coalition for Defenders',
    ...campaign,
  },
  version: { number: 2, sha256: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00Z' },
  generatedAt: new Date('2026-11-23T10:00:00Z'),
});

async function write(inputs: Partial<Signatory>[], campaign: Partial<DocumentContext['campaign']> = {}): Promise<Written> {
  const source = memorySource(inputs.map(signatory), { context: defenders(campaign), pageSize: 37 });
  const lines: PlacedLine[] = [];
  const bytes = await writeToBuffer(createPdfWriter({ compress: false, record: (line) => lines.push(line), yieldEvery: 50 }), source);
  const pages = new Map<number, string[]>();
  for (const line of lines.filter((l) => l.drawn)) pages.set(line.page, [...(pages.get(line.page) ?? []), line.text]);
  return { pdf: bytes.toString('latin1'), lines, pages };
}

const individuals = (n: number): Partial<Signatory>[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'individual', givenName: `Person${i}`, familyName: 'Example', country: ['DE', 'BR', 'KE'][i % 3] }));

describe('the delivery PDF', () => {
  it('foots every page with "Page X of Y", Y being the number of pages in the file', async () => {
    const { pdf, pages, lines } = await write(individuals(400));
    const pageObjects = pdf.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pageObjects).toBeGreaterThan(5);
    expect(pdf).toContain(`/Count ${pageObjects}`);
    expect([...pages.keys()]).toEqual(Array.from({ length: pageObjects }, (_, i) => i + 1));
    for (const [page, texts] of pages) {
      expect(texts.filter((text) => /^Page \d+ of \d+$/.test(text))).toEqual([`Page ${page} of ${pageObjects}`]);
      expect(texts).toContain('Free the human rights defenders · https://letters.example.org/en/c/free-the-defenders');
    }
    // The layout-only pass put every line on the page the drawing pass did.
    const placed = (drawn: boolean) => lines.filter((l) => l.drawn === drawn && /^Person\d+ Example/.test(l.text)).map((l) => `${l.page}:${l.text}`);
    expect(placed(true)).toEqual(placed(false));
    expect(placed(true)).toHaveLength(400);
  });

  it('prints only the numbered withheld line for a signatory who is not named, under its own heading', async () => {
    const { pages } = await write([
      { kind: 'individual', givenName: 'Ada', familyName: 'Public', country: 'FR' },
      { kind: 'individual', named: false, givenName: 'Secret', familyName: 'Person', country: 'IR', title: 'Hidden title' },
    ]);
    const annex = pages.get(2) ?? [];
    const heading = annex.indexOf('Names withheld (1)');
    expect(heading).toBeGreaterThan(annex.indexOf('Ada Public, France'));
    expect(annex.slice(heading + 1, heading + 3)).toEqual(["Name withheld at the signatory's request", '2.']);
    expect([...pages.values()].flat().join('\n')).not.toMatch(/Secret|Person|Hidden|Iran/);
  });

  it('writes notable, organisation and group lines in their shapes, under section and country headings', async () => {
    const { pages } = await write([
      { kind: 'notable', honorific: 'Prof.', givenName: 'Jane', familyName: 'Doe', title: 'Former UN Special Rapporteur on X (2004–2010)', affiliation: 'University of Y', country: 'GB' },
      { kind: 'organisation', ecosocStatus: 'special', organisationName: 'League for Fictional Rights', website: 'https://lfr.example.org/', country: 'CH' },
      { kind: 'group', groupLabel: 'Family of Ali Rezaei', members: 6, groupRelationship: 'parents and siblings', country: 'IR' },
      { kind: 'individual', givenName: 'Helena', familyName: 'Marsh', title: 'Teacher', affiliation: 'School of Z', country: 'IE', source: 'paper' },
    ]);
    const annex = pages.get(2) ?? [];
    const order = [
      'Organisations in special consultative status with ECOSOC (1)',
      'Switzerland (1)',
      'League for Fictional Rights, Switzerland  lfr.example.org',
      'Notable signatories (1)',
      'United Kingdom (1)',
      'Prof. Jane Doe, Former UN Special Rapporteur on X (2004–2010), University of Y, United Kingdom',
      'Families and groups (1)',
      'Iran (1)',
      'Family of Ali Rezaei (6 people), parents and siblings, Iran',
      'Signatures collected on paper (1)',
      'Ireland (1)',
      'Helena Marsh, Teacher, School of Z, Ireland',
    ];
    expect(order.map((line) => annex.indexOf(line))).toEqual([...order.map((line) => annex.indexOf(line))].sort((a, b) => a - b));
    expect(order.every((line) => annex.includes(line))).toBe(true);
    expect(annex).toContain('4 signatories (3 online, 1 on paper); 9 people, counting the members of each group.');
  });

  it('marks an unreviewed signature visibly', async () => {
    const { pages } = await write([
      { kind: 'notable', givenName: 'Karim', familyName: 'Haddad', title: 'أستاذ القانون الدولي', country: 'EG', review: 'pending' },
      { kind: 'notable', givenName: 'Nour', familyName: 'Saleh', country: 'EG', review: 'approved' },
    ]);
    const annex = pages.get(2) ?? [];
    expect(annex).toContain('Karim Haddad, أستاذ القانون الدولي, Egypt [unreviewed]');
    expect(annex).toContain('Nour Saleh, Egypt');
    expect(annex).toContain('Signatures not yet reviewed by the organisers (1) are marked [unreviewed].');
  });

  it('dates a Persian letter in the Gregorian calendar with Latin digits, and keeps the Persian text', async () => {
    const { pages } = await write(individuals(1), { language: 'fa', letter: 'ما امضاکنندگان از سال ۱۴۰۲ نگرانیم.' });
    const letter = pages.get(1) ?? [];
    expect(letter).toContain('Geneva، 23 نوامبر 2026');
    expect(letter.join('\n')).not.toMatch(/[۰-۹]{4}\/|۱۴۰۵/);
    expect(letter).toContain('ما امضاکنندگان از سال ۱۴۰۲ نگرانیم.');
  });

  it('writes the letter: addressees, place and date, title, text, demands and the version', async () => {
    const { pages } = await write(individuals(1));
    expect(pages.get(1)?.slice(0, 8)).toEqual([
      'Office of the High Commissioner for Human Rights',
      'High Commissioner',
      'Palais des Nations',
      'CH-1211 Geneva 10',
      'Geneva, 23 November 2026',
      'Free the human rights defenders',
      'Dear High Commissioner,',
      'We write to you about the detained defenders.',
    ]);
    const letter = pages.get(1) ?? [];
    expect(letter).toContain('Release them');
    expect(letter).toContain(`Text of the letter: version 2, SHA-256 ${'a'.repeat(64)}`);
  });

  it('has no addressee block for a call without addressees, and speaks French for a French campaign', async () => {
    const { pages } = await write(individuals(1), { kind: 'call', addressees: [], language: 'fr', place: 'Genève' });
    expect(pages.get(1)?.[0]).toBe('Genève, 23 novembre 2026');
    expect(pages.get(1)).toContain('Page 1 sur 2');
    expect(pages.get(2)).toContain('Annexe : signataires');
  });

  it('writes a document with no signatories yet: the letter and an empty annex, both numbered', async () => {
    const { pages } = await write([]);
    expect(pages.get(1)).toContain('Page 1 of 2');
    expect(pages.get(2)).toEqual(expect.arrayContaining(['Annex: signatories', '0 signatories.', 'Page 2 of 2']));
  });

  it('fails the stream, not just the promise, when the signatories cannot be read', async () => {
    const rows = [signatory({ kind: 'individual', givenName: 'Ada', familyName: 'Public' })];
    const source = memorySource(rows);
    const failing = {
      ...source,
      read: async function* () {
        yield* source.read('section');
        throw new Error('database went away');
      },
    };
    const out = new PassThrough();
    out.resume();
    const errored = new Promise((resolve) => out.on('error', resolve));
    await expect(createPdfWriter()(failing, out)).rejects.toThrow('database went away');
    expect(await errored).toBeInstanceOf(Error);
  });

  it('prints a Latin letter the font lacks without its accents rather than as an empty box', async () => {
    const { pages } = await write([{ kind: 'individual', givenName: 'Jean-Baptiste', familyName: 'Nguyễn', title: 'Nurse', country: 'VN' }]);
    expect(pages.get(2)).toContain('Jean-Baptiste Nguyen, Nurse, Vietnam');
  });

  it('drops raw HTML from the letter and cannot be steered by hostile names', async () => {
    const { pages } = await write([{ kind: 'individual', givenName: '=HYPERLINK("x")', familyName: 'Eve\u202e\u2069 rekcah', country: 'FR' }], {
      letter: 'Hello <script>alert(1)</script> world\n\n<div>block</div>',
    });
    const text = [...pages.values()].flat();
    expect(text.join('\n')).not.toMatch(/script|<div>|\u202e/);
    expect(text).toContain('Hello alert(1) world');
    expect(text).toContain('=HYPERLINK("x") Eve rekcah, France');
  });
});

describe('dates in documents for the UN', () => {
  const day = new Date('2026-11-23T10:00:00Z');

  it.each([
    ['en', '23 November 2026'],
    ['fr', '23 novembre 2026'],
    ['es', '23 de noviembre de 2026'],
    ['fa', '23 نوامبر 2026'],
    ['ar', '23 نوفمبر 2026'],
  ])('are Gregorian with Latin digits in %s', (language, expected) => {
    expect(formatDocumentDate(day, language)).toBe(expected);
  });
});
