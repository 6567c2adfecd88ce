import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import { AppError } from '@/lib/errors';
import { decodeCsv } from '@/lib/imports/decode-csv';
import { parseCsv } from '@/lib/imports/parse-csv';
import { readImportRows } from '@/lib/imports/read-import-rows';

const cellsOf = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`);
  return result.records.map((record) => record.cells);
};

describe('parseCsv (RFC 4180)', () => {
  it('splits plain cells, keeps empty ones, and accepts CRLF, LF and a lone CR', () => {
    expect(cellsOf('a,b,c\r\n1,,3\n4,5,\r6,7,8')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
      ['6', '7', '8'],
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks inside', () => {
    expect(cellsOf('name,title\r\n"Doe, Jane","Judge, ""High"" Court"\r\n"Two\r\nlines",x\r\n')).toEqual([
      ['name', 'title'],
      ['Doe, Jane', 'Judge, "High" Court'],
      ['Two\r\nlines', 'x'],
    ]);
  });

  it('drops a leading BOM, so the first column is named as written', () => {
    expect(cellsOf('\uFEFFkind,country\nindividual,FR')[0]).toEqual(['kind', 'country']);
  });

  it('keeps Persian text and zero-width non-joiners exactly', () => {
    expect(cellsOf('given_name,family_name\nمهسا,امینی\u200Cزاده')[1]).toEqual(['مهسا', 'امینی\u200Cزاده']);
  });

  it('numbers each record by the line where it starts, skipping blank lines', () => {
    const result = parseCsv('h1,h2\n\n"a\nb",c\n,\nd,e\n');
    expect(result.ok && result.records.map((record) => record.line)).toEqual([1, 3, 6]);
  });

  it('refuses an unclosed quote, naming the line where the cell opens', () => {
    expect(parseCsv('a,b\n1,2\n"open,3\n4,5')).toMatchObject({ ok: false, line: 3, message: expect.stringContaining('never closed') });
  });

  it('refuses a stray quote inside an unquoted cell and text after a closing quote', () => {
    expect(parseCsv('a,b\nJa"ne,2')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a,b\n"Jane"x,2')).toMatchObject({ ok: false, line: 2, message: expect.stringContaining('closing quote') });
  });

  it('reads a trailing comma as one more empty cell', () => {
    expect(cellsOf('a,b,\n1,2,')).toEqual([
      ['a', 'b', ''],
      ['1', '2', ''],
    ]);
  });
});

describe('decodeCsv (strict UTF-8)', () => {
  it('keeps the BOM so the text encodes back to the very same bytes', () => {
    const bytes = new Uint8Array(Buffer.from('\uFEFFkind,country\nindividual,IR\n', 'utf8'));
    const text = decodeCsv(bytes);
    expect(Buffer.from(text, 'utf8').equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses Windows-1252 bytes with the line they are on, instead of turning them into U+FFFD', () => {
    const bytes = new Uint8Array([...Buffer.from('given_name,country\nAna,FR\n'), 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65, 0x2c, 0x46, 0x52]);
    const error = (() => {
      try {
        decodeCsv(bytes);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields?.csv?.[0]).toMatch(/^Line 3 of the file has bytes that are not UTF-8/);
  });

  it('refuses UTF-16 files with a hint to save as CSV UTF-8', () => {
    expect(() => decodeCsv(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toThrow(/not UTF-8/);
  });
});

describe('the documented example file', () => {
  it('reads without a problem, with a Persian name, organisations and a group', () => {
    const { rows, valid, errors } = readImportRows(readFileSync('docs/paper-import-example.csv', 'utf8'), { signerKinds: SIGNER_KINDS });
    expect(errors).toEqual([]);
    expect(rows).toBe(7);
    expect(valid.map((row) => row.data.kind)).toEqual(['individual', 'individual', 'notable', 'notable', 'organisation', 'organisation', 'group']);
    expect(valid[1].data).toMatchObject({ given_name: 'پریسا', family_name: 'رحیمی\u200Cنژاد', visibility: 'counted' });
    expect(valid[3].data.family_name).toBe('Lindqvist, Jr.');
  });
});
