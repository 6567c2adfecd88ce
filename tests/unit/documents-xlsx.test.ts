import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SIGNATORY_COLUMNS, WITHHELD } from '@/lib/documents/signatory-table';
import { writeXlsx } from '@/lib/documents/xlsx/write-xlsx';
import {
  ARABIC,
  GROUP_SECRETS,
  HOSTILE,
  memorySource,
  PERSIAN,
  readZip,
  sampleSignatories,
  signatory,
  WITHHELD_SECRETS,
  writeToBuffer,
} from '../helpers/memory-document-source';

async function xlsxOf(rows = sampleSignatories()) {
  const source = memorySource(rows);
  const bytes = await writeToBuffer(writeXlsx, source);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const { files } = await readZip(bytes);
  const sheet = workbook.getWorksheet('Signatories')!;
  const values = (n: number) => Object.fromEntries(SIGNATORY_COLUMNS.map((name, i) => [name, sheet.getRow(n).getCell(i + 1).value]));
  return { bytes, reads: source.reads, workbook, sheet, files, values, source };
}

describe('writeXlsx', () => {
  it('makes a workbook Excel can read: a Signatories sheet with a bold, frozen header, then About', async () => {
    const { workbook, sheet, reads } = await xlsxOf();
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Signatories', 'About']);
    expect(sheet.getRow(1).values).toEqual([undefined, ...SIGNATORY_COLUMNS]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
    expect(sheet.rowCount).toBe(10);
    expect(reads).toEqual(['date']);
  });

  it('fills every column right for each kind, with numbers as numbers and dates as dates', async () => {
    const { values, sheet } = await xlsxOf();
    expect(values(2)).toEqual({
      'No.': 1, Name: 'Helena Marsh', Kind: 'Individual', Honorific: null, 'Given name': 'Helena', 'Family name': 'Marsh',
      Title: null, Affiliation: null, Organisation: null, 'ECOSOC status': null, Group: null, People: 1,
      Country: 'United Kingdom', 'Country code': 'GB', Source: 'Online', Review: null, Version: 1,
      'Date confirmed (UTC)': new Date('2026-03-01T00:00:00Z'),
    });
    expect(sheet.getRow(2).getCell(18).numFmt).toBe('yyyy-mm-dd');
    expect(values(3)).toMatchObject({ Name: 'Prof. Jane Doe', Kind: 'Notable', Honorific: 'Prof.', Title: 'Former UN Special Rapporteur on X (2000-2008)', Review: 'Approved', Version: 2 });
    expect(values(4)).toMatchObject({ Kind: 'Organisation', Organisation: 'Comité de Soutien aux Droits de l’Homme en Iran', 'ECOSOC status': 'Special', 'Given name': 'Lucía' });
    expect(values(5)).toMatchObject({ Kind: 'Group', Group: 'Families of the disappeared of 1988', People: 1112, Country: 'Sweden' });
    expect(values(8)).toMatchObject({ Source: 'Paper', 'Country code': 'IR' });
    expect(values(9)).toMatchObject({ Review: 'Unreviewed' });
  });

  it('shows withheld signers as numbered lines and nowhere in the file names them', async () => {
    const { values, files } = await xlsxOf();
    expect(values(6)).toEqual({
      'No.': 5, Name: WITHHELD, Kind: 'Individual', Honorific: null, 'Given name': null, 'Family name': null,
      Title: null, Affiliation: null, Organisation: null, 'ECOSOC status': null, Group: null, People: 1,
      Country: null, 'Country code': null, Source: 'Online', Review: null, Version: 1,
      'Date confirmed (UTC)': new Date('2026-03-05T00:00:00Z'),
    });
    expect(values(7)).toMatchObject({ Name: WITHHELD, Kind: 'Group', Group: null, People: 6 });
    const everything = Object.values(files).join('\n');
    for (const secret of [...Object.values(WITHHELD_SECRETS), ...Object.values(GROUP_SECRETS)]) expect(everything).not.toContain(secret);
  });

  it('never turns a cell into a formula, and drops characters XML forbids', async () => {
    const { values, files } = await xlsxOf();
    const sheetXml = files['xl/worksheets/sheet1.xml'];
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(files['xl/worksheets/sheet2.xml']).not.toMatch(/<f[ >]/);
    expect(values(10)).toMatchObject({
      'Given name': `'${HOSTILE.givenName}`,
      'Family name': `'${HOSTILE.familyName}`,
      Title: `'${HOSTILE.title}`,
      Affiliation: `'${HOSTILE.affiliation}`,
      Organisation: 'Control Chars Org',
    });
    expect(sheetXml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });

  it('keeps Persian and Arabic names exactly, zero-width non-joiner included', async () => {
    const { values } = await xlsxOf();
    expect(values(8)).toMatchObject({ 'Given name': PERSIAN.givenName, 'Family name': PERSIAN.familyName, Title: PERSIAN.title, Name: 'فریده محمدی' });
    expect(values(9)).toMatchObject({ 'Given name': ARABIC.givenName, 'Family name': ARABIC.familyName, Affiliation: ARABIC.affiliation });
  });

  it('says on the About sheet which letter, version, filters and counts the list is', async () => {
    const { workbook, files } = await xlsxOf();
    const about = workbook.getWorksheet('About')!;
    const pairs = new Map<string, unknown[]>();
    about.eachRow((row) => {
      const [, key, ...rest] = row.values as unknown[];
      pairs.set(String(key), rest);
    });
    expect(pairs.get('Letter')).toEqual(['Free the Harbour Street Five']);
    expect(pairs.get('Version')).toEqual([2]);
    expect(pairs.get('SHA-256 of the version')).toEqual(['b'.repeat(64)]);
    expect(pairs.get('Version 1')).toEqual(['a'.repeat(64), 3]);
    expect(pairs.get('Version 2')).toEqual(['b'.repeat(64), 6]);
    expect(pairs.get('Generated (UTC)')).toEqual(['2026-03-14T09:30:00.000Z']);
    expect(pairs.get('Review')).toEqual(['all, unreviewed marked']);
    expect(pairs.get('Kind')).toEqual(['all']);
    expect(pairs.get('Signatories')).toEqual([9]);
    expect(pairs.get('Name withheld')).toEqual([2]);
    expect(pairs.get('People (group members counted)')).toEqual([1125]);
    expect(pairs.get('Unreviewed')).toEqual([1]);
    expect(pairs.get('Groups')).toEqual([2]);
    expect(pairs.get('Paper')).toEqual([1]);
    expect(files['xl/worksheets/sheet2.xml']).toContain('b'.repeat(64));
  });

  it('keeps markup and line breaks as the signer typed them', async () => {
    const title = '<b>Tom & "Jerry"</b>\r\nsecond line';
    const { values, files } = await xlsxOf([signatory({ number: 1, givenName: 'Ana', familyName: 'Velez', title })]);
    expect(values(2).Title).toBe(title);
    expect(files['xl/worksheets/sheet1.xml']).not.toContain('<b>');
  });

  it('cuts a cell longer than Excel allows instead of writing a file Excel must repair', async () => {
    const long = 'ل'.repeat(40_000);
    const { values } = await xlsxOf([signatory({ number: 1, givenName: 'Ana', familyName: 'Velez', title: long })]);
    const title = values(2).Title as string;
    expect(title.length).toBe(32_767);
    expect(title.endsWith('…')).toBe(true);
  });

  it('fails the download instead of ending a truncated workbook when the database fails midway', async () => {
    const source = memorySource([]);
    source.read = async function* () {
      yield [signatory({ number: 1 })];
      throw new Error('connection lost');
    };
    const out = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await expect(writeXlsx(source, out)).rejects.toThrow('connection lost');
    expect(out.destroyed).toBe(true);
    expect(out.writableFinished).toBe(false);
  });

  it('stops and fails, instead of hanging, when the download is cancelled', { timeout: 5_000 }, async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => signatory({ number: i + 1, givenName: 'Ana', familyName: 'Velez' }));
    const source = memorySource(rows, { pageSize: 100 });
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        // The reader goes away at the first bytes.
        this.destroy();
        callback();
      },
    });
    await expect(writeXlsx(source, out)).rejects.toThrow(/closed/);
    expect(source.pagesServed()).toBeLessThan(200);
  });

  it('writes a readable workbook with only the header for a letter nobody has signed', async () => {
    const { sheet } = await xlsxOf([]);
    expect(sheet.rowCount).toBe(1);
  });
});
