/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) is prefixed with an apostrophe, so a hostile name stays text in Excel.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Excel reads UTF-8 only when the file starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';
