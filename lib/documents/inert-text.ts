/**
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets an
 * apostrophe in front, so a hostile name stays text in Excel, LibreOffice and Google Sheets,
 * also after the cells are copied out or saved again as CSV.
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
