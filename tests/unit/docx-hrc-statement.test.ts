import { describe, expect, it } from 'vitest';
import { hrcStatementProblems } from '@/lib/documents/docx/hrc-statement-problems';
import { readHrcOrganisations } from '@/lib/documents/docx/read-hrc-organisations';
import { writeHrcStatement } from '@/lib/documents/docx/write-hrc-statement';
import type { DocumentContext } from '@/lib/documents/document-source';
import { AppError } from '@/lib/errors';
import type { Signatory } from '@/lib/signatories/signatory';
import { hrcDetails, memorySource, organisation, readZip, signatory, writeToBuffer } from '../helpers/memory-document-source';
import { wordFootnotes, wordParagraphs, type WordParagraph } from '../helpers/word-xml';

const coalition = [
  organisation('Roster Org One', 'roster'),
  organisation('Comité de Soutien aux Droits de l’Homme', 'special'),
  organisation('Global Rights Alliance', 'general'),
  organisation("Women's Rights-Watch", 'none'),
  organisation('Special Org Two', 'special'),
  organisation('Acción & Derechos <Sur> "Libre"', 'none'),
  organisation('Second General Body', 'general'),
  organisation('Roster Org Two', 'roster'),
];

type Campaign = Partial<DocumentContext['campaign']>;

/** A statement to the 62nd session, exported on 20 May 2026, with reviewed signatures only. */
const hrcSource = (campaign: Campaign, rows: Signatory[]) =>
  memorySource(rows, {
    context: {
      campaign: {
        slug: 'hrc-test',
        url: 'https://undersigned.test/c/hrc-test',
        kind: 'hrc-statement',
        title: 'the crackdown on journalists in the region',
        summary: null,
        letter: 'We, the undersigned organisations, are **gravely concerned**.',
        demands: [],
        addressees: [],
        organisedBy: null,
        place: null,
        hrc: hrcDetails(),
        ...campaign,
      },
      filters: { reviewed: 'only', source: 'all' },
      generatedAt: new Date('2026-05-20T10:00:00Z'),
    },
  });

async function statement(campaign: Campaign, rows = coalition) {
  const bytes = await writeToBuffer(writeHrcStatement, hrcSource(campaign, rows));
  const { part } = await readZip(bytes);
  const documentXml = part('word/document.xml');
  const paragraphs = wordParagraphs(documentXml);
  return { bytes, part, documentXml, paragraphs };
}

const titleOf = (paragraphs: WordParagraph[]) => paragraphs.find((p) => p.runs.some((run) => run.footnoteReference)) ?? null;
const texts = (paragraphs: WordParagraph[]) => paragraphs.map((p) => p.text);

describe('writeHrcStatement', () => {
  it('follows the secretariat form in order: contact, language, session, NGOs, title, text', async () => {
    const { paragraphs } = await statement({ demands: ['Release every detained journalist.'] });
    const all = texts(paragraphs);
    const at = (text: string) => all.findIndex((line) => line.includes(text));
    expect(at('Press Freedom Network')).toBeGreaterThanOrEqual(0);
    expect(all).toContain('Contact person: Amina Diallo');
    expect(all).toContain('Phone: +41 22 555 01 02');
    expect(all).toContain('Email: amina@pressfreedom.example');
    expect(all).toContain('English');
    expect(all).toContain('Human Rights Council, 62nd session, Agenda item 4');
    expect(all).toContain('Press Freedom Network (Special Consultative Status)');
    const order = ['Contact person', 'English', '62nd session', '(Special Consultative Status)', 'The Crackdown on Journalists', 'gravely concerned', 'Release every detained journalist.'].map(at);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all.join('\n')).not.toMatch(/United Nations|A\/HRC/);
  });

  it('leaves out the phone line when there is none', async () => {
    const { paragraphs } = await statement({ hrc: hrcDetails({ contact: { name: 'Amina Diallo', email: 'a@example.org', phone: null } }) });
    expect(texts(paragraphs).some((line) => line.startsWith('Phone'))).toBe(false);
  });

  it('lists co-sponsors General, then Special, then Roster, each with its status in brackets', async () => {
    const { paragraphs } = await statement({});
    const listed = texts(paragraphs).filter((line) => / \((General Consultative Status|Special Consultative Status|Roster)\)$/.test(line));
    expect(listed).toEqual([
      'Press Freedom Network (Special Consultative Status)',
      'Global Rights Alliance (General Consultative Status)',
      'Second General Body (General Consultative Status)',
      'Comité de Soutien aux Droits de l’Homme (Special Consultative Status)',
      'Special Org Two (Special Consultative Status)',
      'Roster Org One (Roster)',
      'Roster Org Two (Roster)',
    ]);
  });

  it('does not list the submitter twice when it also signed', async () => {
    const { paragraphs } = await statement({}, [...coalition, organisation('press freedom  network', 'special')]);
    expect(texts(paragraphs).filter((line) => /press freedom\s+network/i.test(line))).toHaveLength(2); // part I and part IV
  });

  it('puts the title in bold Times New Roman 12 with a real footnote naming the NGOs without status', async () => {
    const { paragraphs, part, documentXml } = await statement({});
    const title = titleOf(paragraphs);
    expect(title?.text).toBe('The Crackdown on Journalists in the Region');
    const titleRun = title!.runs.find((run) => run.text);
    expect(titleRun).toMatchObject({ bold: true, size: '24' });
    const reference = title!.runs.find((run) => run.footnoteReference)!.footnoteReference!;
    expect(documentXml).toContain(`<w:footnoteReference w:id="${reference}"/>`);

    const footnotesXml = part('word/footnotes.xml');
    const notes = wordFootnotes(footnotesXml);
    expect(notes.get(reference)?.trim()).toBe(`Women's Rights-Watch and Acción & Derechos <Sur> "Libre" also share the views expressed in this statement.`);
    const footnoteParagraphs = wordParagraphs(footnotesXml).filter((p) => p.text.includes('also share'));
    expect(footnoteParagraphs[0].jc).toBe('both');
    expect(footnoteParagraphs[0].runs.filter((run) => run.text.trim()).every((run) => run.size === '20')).toBe(true);

    const styles = part('word/styles.xml');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:hAnsi="Times New Roman"\/><w:sz w:val="24"\/>/);
    expect(styles).toMatch(/w:styleId="FootnoteText">[\s\S]*?<w:jc w:val="both"\/>[\s\S]*?<w:sz w:val="20"\/>/);
  });

  it('has no footnote when every organisation has status', async () => {
    const { paragraphs, part } = await statement({}, coalition.filter((row) => row.ecosocStatus !== 'none'));
    expect(titleOf(paragraphs)).toBeNull();
    expect(wordFootnotes(part('word/footnotes.xml')).size).toBe(0);
  });

  it('writes the footnote in the statement language', async () => {
    const { part } = await statement({ language: 'fr', title: 'la répression des journalistes' });
    const notes = [...wordFootnotes(part('word/footnotes.xml')).values()];
    expect(notes[0].trim()).toBe(`Women's Rights-Watch et Acción & Derechos <Sur> "Libre" partagent également les opinions exprimées dans la présente déclaration.`);
  });

  it('justifies the text and demands, with bold and italic runs and numbered demands', async () => {
    const { paragraphs } = await statement({
      letter: 'We are **gravely concerned** by *arbitrary* arrests.\n\nA second paragraph.\n\n- a bulleted point\n- another',
      demands: ['Release every detained journalist.', 'Allow the Special Rapporteur to visit.'],
    });
    const body = paragraphs.filter((p) => /gravely|second paragraph|bulleted point|another|Release every|Special Rapporteur to visit/.test(p.text));
    expect(body).toHaveLength(6);
    expect(body.every((p) => p.jc === 'both')).toBe(true);
    const first = body[0];
    expect(first.runs.find((run) => run.text === 'gravely concerned')?.bold).toBe(true);
    expect(first.runs.find((run) => run.text === 'arbitrary')?.italics).toBe(true);
    expect(first.text).toBe('We are gravely concerned by arbitrary arrests.');
    expect(body.slice(2).every((p) => p.numbered)).toBe(true);
  });

  it('prints raw HTML as typed, links only to web and mail addresses, and restarts each numbered list', async () => {
    const { paragraphs, documentXml, part } = await statement({
      letter: 'See <b>this</b> and [the report](https://www.ohchr.org/report) or [this](javascript:alert(1)).\n\n3. third\n4. fourth\n\nBetween.\n\n1. again',
    });
    expect(paragraphs.find((p) => p.text.startsWith('See'))?.text).toBe('See <b>this</b> and the report or this.');
    const rels = part('word/_rels/document.xml.rels');
    expect(rels).toContain('https://www.ohchr.org/report');
    expect(rels + documentXml).not.toContain('javascript:');
    const numbering = part('word/numbering.xml');
    expect(numbering).toMatch(/<w:start w:val="3"\/>/);
    const numId = (text: string) => new RegExp(`<w:numId w:val="(\\d+)"/>(?:(?!</w:p>).)*${text}`).exec(documentXml)?.[1];
    expect(numId('third')).toBeDefined();
    expect(numId('third')).toBe(numId('fourth'));
    expect(numId('again')).toBeDefined();
    expect(numId('again')).not.toBe(numId('third'));
  });

  it('prints names byte for byte and escapes XML characters so the file still opens', async () => {
    const { documentXml, part } = await statement({});
    expect(documentXml).toContain('Comité de Soutien aux Droits de l’Homme (Special Consultative Status)');
    const footnotesXml = part('word/footnotes.xml');
    expect(footnotesXml).toContain('Women&apos;s Rights-Watch and Acción &amp; Derechos &lt;Sur&gt; &quot;Libre&quot;');
    const [note] = wordFootnotes(footnotesXml).values();
    expect(note).toContain(`Women's Rights-Watch and Acción & Derechos <Sur> "Libre"`);
    // wordParagraphs uses a strict parser: it throws on malformed XML.
    expect(() => wordParagraphs(documentXml)).not.toThrow();
    expect(() => wordParagraphs(footnotesXml)).not.toThrow();
  });

  it('sets right-to-left only on the Arabic-script run of a mixed name', async () => {
    const { paragraphs } = await statement({}, [organisation('Kanoon-e Hoghoogh کانون مدافعان حقوق بشر', 'general')]);
    const line = paragraphs.find((p) => p.text.includes('کانون'))!;
    expect(line.text).toBe('Kanoon-e Hoghoogh کانون مدافعان حقوق بشر (General Consultative Status)');
    const rtl = line.runs.filter((run) => run.rtl).map((run) => run.text);
    expect(rtl).toEqual(['کانون مدافعان حقوق بشر']);
    expect(line.runs.filter((run) => !run.rtl).map((run) => run.text)).toEqual(['Kanoon-e Hoghoogh ', ' (General Consultative Status)']);
  });

  it('names no individual, group, withheld or unreviewed organisation', async () => {
    const rows = [
      organisation('Visible Org', 'special'),
      signatory({ kind: 'organisation', ecosocStatus: 'general', named: false }),
      organisation('Pending Org', 'general', { review: 'pending' }),
      signatory({ kind: 'individual', givenName: 'Farideh', familyName: 'Mohammadi' }),
      signatory({ kind: 'notable', givenName: 'Jane', familyName: 'Doe', title: 'Former UN Special Rapporteur' }),
      signatory({ kind: 'group', groupLabel: 'Families of Khavaran', members: 40 }),
    ];
    const { bytes, documentXml, part } = await statement({}, rows);
    const everything = documentXml + part('word/footnotes.xml');
    expect(everything).toContain('Visible Org');
    for (const name of ['Pending Org', 'Farideh', 'Mohammadi', 'Jane', 'Families of Khavaran', 'withheld']) expect(everything).not.toContain(name);
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('keeps the zero-width non-joiner of a Persian name, and drops direction overrides', async () => {
    const { part } = await statement({}, [organisation('انجمن خانواده‌های دادخواه', 'none'), organisation('Evil\u202Egro Org', 'none')]);
    const [note] = wordFootnotes(part('word/footnotes.xml')).values();
    expect(note.trim()).toBe('انجمن خانواده\u200Cهای دادخواه and Evilgro Org also share the views expressed in this statement.');
  });
});

describe('refusals', () => {
  const refusal = async (campaign: Campaign, rows = coalition) => {
    const source = hrcSource(campaign, rows);
    const { supporters } = await readHrcOrganisations(source);
    const problems = hrcStatementProblems(source.context, supporters);
    const error = await writeToBuffer(writeHrcStatement, source).then(
      () => null,
      (e: unknown) => e,
    );
    return { problems, error };
  };

  it('refuses a statement over the limit, counting the footnote', async () => {
    const words = Array.from({ length: 1480 }, (_, i) => `w${i}`).join(' ');
    const withoutFootnote = await refusal({ letter: words }, coalition.filter((row) => row.ecosocStatus !== 'none'));
    expect(withoutFootnote.error).toBeNull();
    const { problems, error } = await refusal({ letter: words });
    expect(problems.words.footnote).toBeGreaterThan(0);
    expect(problems.errors).toEqual([`The statement has ${(problems.words.total).toLocaleString('en')} words; the limit for an NGO with special status is 1,500 words, footnotes included`]);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    expect((error as AppError).message).toBe(problems.errors[0]);
  });

  it('refuses a language other than English, French or Spanish', async () => {
    const { error } = await refusal({ language: 'fa' });
    expect((error as AppError).message).toMatch(/English, French or Spanish/);
  });

  it('refuses a submitter without ECOSOC status', async () => {
    const { error } = await refusal({ hrc: hrcDetails({ submitter: { name: 'Press Freedom Network', ecosocStatus: 'none' } }) });
    expect((error as AppError).message).toMatch(/consultative status/);
  });

  it('refuses a statement without HRC details', async () => {
    const { error } = await refusal({ hrc: null });
    expect((error as AppError).code).toBe('validation');
    expect((error as AppError).message).toMatch(/no HRC details/);
  });

  it('writes a statement after its deadline, since that is only a warning', async () => {
    const { problems, error } = await refusal({ hrc: hrcDetails({ sessionStartsOn: '2026-05-25' }) });
    expect(problems.warnings).toHaveLength(1);
    expect(error).toBeNull();
  });
});
