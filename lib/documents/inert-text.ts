// = + - @ tab CR: what a spreadsheet reads as the start of a formula.
const FORMULA_STARTS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/**
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets an
 * apostrophe in front, so a hostile name stays text in Excel, LibreOffice and Google Sheets,
 * also after the cells are copied out or saved again as CSV.
 */
export function inertText(text: string): string {
  return FORMULA_STARTS.has(text.charCodeAt(0)) ? `'${text}` : text;
}
