import type { SignatoryCell } from '@/lib/documents/signatory-table';
import { xlsxText } from './xlsx-text';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const DAY_MS = 86_400_000;
// Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug, which this date is chosen to absorb).
const EXCEL_EPOCH_DAYS = 25_569;

function columnName(index: number): string {
  return index < 26 ? LETTERS[index] : LETTERS[Math.floor(index / 26) - 1] + LETTERS[index % 26];
}

/**
 * One worksheet row as SpreadsheetML, cells typed as exceljs types them (numbers, strings as
 * `t="str"`, dates as serial days with a date style); empty cells are left out. Text goes
 * through xlsxText, so it is never a formula and never breaks the XML.
 */
export function rowXml(rowNumber: number, cells: SignatoryCell[], dateColumn: number, dateStyleId: number): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    if (value === null || value === '') continue;
    const ref = columnName(i) + rowNumber;
    const days = i === dateColumn ? Date.parse(`${value}T00:00:00Z`) / DAY_MS + EXCEL_EPOCH_DAYS : NaN;
    if (!Number.isNaN(days)) {
      xml += `<c r="${ref}" s="${dateStyleId}"><v>${days}</v></c>`;
    } else if (typeof value === 'number') {
      xml += `<c r="${ref}"><v>${value}</v></c>`;
    } else {
      const text = xlsxText(value);
      xml += `<c r="${ref}" t="str"><v>${/[&<>\r]/.test(text) ? text.replace(/[&<>\r]/g, (c) => ESCAPES[c]) : text}</v></c>`;
    }
  }
  return `${xml}</row>`;
}
