import { inertText } from '@/lib/documents/inert-text';

// Quoted when it holds a separator, a quote or a line break, or starts or ends with white space.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV cell: formula prefixes neutralised (see inertText), quoted when it must be. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = inertText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  let row = values.length > 0 ? csvCell(values[0]) : '';
  for (let i = 1; i < values.length; i++) row += `,${csvCell(values[i])}`;
  return `${row}\r\n`;
}

/** Excel reads UTF-8 only when the file starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';
