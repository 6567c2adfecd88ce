import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '@/lib/documents/csv/write-csv';
import { SIGNATORY_COLUMNS, WITHHELD } from '@/lib/documents/signatory-table';
import {
  ARABIC,
  GROUP_SECRETS,
  memorySource,
  PERSIAN,
  sampleSignatories,
  signatory,
  WITHHELD_SECRETS,
  writeToBuffer,
} from '../helpers/memory-document-source';

/** RFC 4180 as Excel writes it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) throw new Error('The last row does not end with CRLF');
  return rows;
}

async function csvOf(rows = sampleSignatories()) {
  const source = memorySource(rows);
  const bytes = await writeToBuffer(writeCsv, source);
  const byColumn = (cells: string[]) => Object.fromEntries(SIGNATORY_COLUMNS.map((name, i) => [name, cells[i]]));
  return { bytes, reads: source.reads, rows: parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')), byColumn };
}

describe('writeCsv', () => {
  it('starts with a byte order mark and the header, and reads the signatories in confirmation order', async () => {
    const { bytes, rows, reads } = await csvOf();
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rows[0]).toEqual([...SIGNATORY_COLUMNS]);
    expect(rows).toHaveLength(10);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(reads).toEqual(['date']);
  });

  it('fills every column right for each kind of signer', async () => {
    const { rows, byColumn } = await csvOf();
    expect(byColumn(rows[1])).toEqual({
      'No.': '1', Name: 'Helena Marsh', Kind: 'Individual', Honorific: '', 'Given name': 'Helena', 'Family name': 'Marsh',
      Title: '', Affiliation: '', Organisation: '', 'ECOSOC status': '', Group: '', People: '1',
      Country: 'United Kingdom', 'Country code': 'GB', Source: 'Online', Review: '', Version: '1', 'Date confirmed (UTC)': '2026-03-01',
    });
    expect(byColumn(rows[2])).toMatchObject({
      Name: 'Prof. Jane Doe', Kind: 'Notable', Honorific: 'Prof.', Title: 'Former UN Special Rapporteur on X (2000-2008)',
      Affiliation: 'University of Northbridge', Country: 'Switzerland', 'Country code': 'CH', Review: 'Approved', Version: '2',
    });
    expect(byColumn(rows[3])).toMatchObject({
      Name: 'Comité de Soutien aux Droits de l’Homme en Iran', Kind: 'Organisation', 'Given name': 'Lucía', 'Family name': 'Ortega',
      Organisation: 'Comité de Soutien aux Droits de l’Homme en Iran', 'ECOSOC status': 'Special', Country: 'France',
    });
    expect(byColumn(rows[4])).toMatchObject({ Name: 'Families of the disappeared of 1988', Kind: 'Group', Group: 'Families of the disappeared of 1988', People: '1112' });
    expect(byColumn(rows[7])).toMatchObject({ Source: 'Paper', 'Country code': 'IR', Country: 'Iran' });
    expect(byColumn(rows[8])).toMatchObject({ Kind: 'Notable', Review: 'Unreviewed' });
    expect(byColumn(rows[9])).toMatchObject({ 'ECOSOC status': 'None' });
  });

  it('shows a withheld signer as a numbered line with the withheld text, kind, source and date, and nothing that identifies them', async () => {
    const { rows, byColumn, bytes } = await csvOf();
    expect(byColumn(rows[5])).toEqual({
      'No.': '5', Name: WITHHELD, Kind: 'Individual', Honorific: '', 'Given name': '', 'Family name': '',
      Title: '', Affiliation: '', Organisation: '', 'ECOSOC status': '', Group: '', People: '1',
      Country: '', 'Country code': '', Source: 'Online', Review: '', Version: '1', 'Date confirmed (UTC)': '2026-03-05',
    });
    expect(byColumn(rows[6])).toMatchObject({ Name: WITHHELD, Kind: 'Group', Group: '', People: '6', Country: '' });
    // The rows also carry what these signers typed, outside the Signatory contract: it must not reach the file.
    const text = bytes.toString('utf8');
    for (const secret of [...Object.values(WITHHELD_SECRETS), ...Object.values(GROUP_SECRETS)]) expect(text).not.toContain(secret);
    expect(text).not.toContain('Iran,IR,Online,,1,2026-03-05');
    expect(text).not.toContain('csdhi.example');
  });

  it('keeps hostile cells as text: formula prefixes get an apostrophe, quotes are doubled', async () => {
    const { rows, byColumn } = await csvOf();
    const hostile = byColumn(rows[9]);
    expect(hostile['Given name']).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(hostile['Family name']).toBe("'+1-555");
    expect(hostile.Title).toBe("'@SUM(A1:A9)");
    expect(hostile.Affiliation).toBe("'-2+3");
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps Persian and Arabic names byte for byte, zero-width non-joiner included', async () => {
    const { bytes, rows, byColumn } = await csvOf();
    for (const text of [...Object.values(PERSIAN), ...Object.values(ARABIC)]) expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(true);
    expect(byColumn(rows[7])).toMatchObject({ Name: 'فریده محمدی', 'Given name': PERSIAN.givenName, Title: PERSIAN.title });
    expect(PERSIAN.title).toContain('\u200c');
  });

  it('writes only the header for a letter nobody has signed yet', async () => {
    const { rows } = await csvOf([]);
    expect(rows).toEqual([[...SIGNATORY_COLUMNS]]);
  });

  it('fails the download instead of ending a truncated list when the database fails midway', async () => {
    const source = memorySource([]);
    source.read = async function* () {
      yield [signatory({ number: 1 })];
      throw new Error('connection lost');
    };
    const out = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await expect(writeCsv(source, out)).rejects.toThrow('connection lost');
    expect(out.destroyed).toBe(true);
    expect(out.writableFinished).toBe(false);
  });

  it('stops reading signatories and fails when the download is cancelled', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => signatory({ number: i + 1, givenName: 'Ana', familyName: 'Velez' }));
    const source = memorySource(rows, { pageSize: 100 });
    let written = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk, _encoding, callback) {
        written += chunk.length;
        // The reader goes away after the first few kilobytes, without reading further.
        if (written > 8_000) this.destroy();
        else setTimeout(callback, 1);
      },
    });
    await expect(writeCsv(source, out)).rejects.toThrow(/closed/);
    expect(source.pagesServed()).toBeLessThan(5);
  });
});
