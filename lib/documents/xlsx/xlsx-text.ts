import { inertText } from '@/lib/documents/inert-text';

// Characters XML 1.0 forbids (a workbook holding one does not open), and unpaired surrogates.
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// Excel refuses longer cells (it "repairs" the file and drops them).
const EXCEL_CELL_MAX = 32_767;

/** A string as an Excel cell may hold it: never a formula, no XML-illegal characters, not too long. */
export function xlsxText(value: string): string {
  let text = SUSPECT.test(value) ? value.replace(ILLEGAL, '') : value;
  text = inertText(text);
  if (text.length <= EXCEL_CELL_MAX) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[EXCEL_CELL_MAX - 2]) ? EXCEL_CELL_MAX - 2 : EXCEL_CELL_MAX - 1;
  return `${text.slice(0, cut)}…`;
}
