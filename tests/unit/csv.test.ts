import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '@/lib/documents/csv/csv-cell';

describe('csvCell', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR'])('neutralises %j so a spreadsheet shows it as text', (value) => {
    expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Judge, Supreme Court')).toBe('"Judge, Supreme Court"');
    expect(csvCell('The "Five"')).toBe('"The ""Five"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves ordinary text, numbers and empties alone', () => {
    expect(csvCell('Helena Marsh')).toBe('Helena Marsh');
    expect(csvCell('Zoë Ångström-Łukasz')).toBe('Zoë Ångström-Łukasz');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
  });
});
