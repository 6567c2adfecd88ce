import type { SignerKind } from '@/db/schema/campaigns';
import { IMPORT_COLUMNS, importRowSchema, MAX_IMPORT_ROWS, type ImportColumn, type ImportRowData } from '@/lib/schemas/signature-import';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
import { parseCsv } from './parse-csv';

/** One problem: `line` is the file's line (header = 1), null when it is not about the file; `field` the column, null for a whole line. */
export type ImportError = { line: number | null; field: string | null; message: string };

export type ImportRow = { line: number; data: ImportRowData; emailCanonical: string | null };

/** `rows` is the number of data lines in the file; `valid` those without a problem. */
export type ImportRows = { rows: number; valid: ImportRow[]; errors: ImportError[] };

// Cells of these columns are words from a fixed list: "Organisation" or "SPECIAL" are meant the same.
const LOWER_CASE = new Set<ImportColumn>(['kind', 'ecosoc_status', 'visibility']);

const isColumn = (name: string): name is ImportColumn => (IMPORT_COLUMNS as readonly string[]).includes(name);

/** "Given name", "given-name" and "GIVEN_NAME" all name the column given_name. */
const columnName = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Parses and checks an import file without touching the database: the header, then every row
 * against the sign form's field rules, the kinds this campaign takes, and addresses repeated
 * within the file. Every problem is reported, each with its line and column.
 */
export function readImportRows(text: string, campaign: { signerKinds: readonly SignerKind[] }): ImportRows {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { rows: 0, valid: [], errors: [{ line: parsed.line, field: null, message: parsed.message }] };
  const [header, ...records] = parsed.records;
  if (!header) return { rows: 0, valid: [], errors: [{ line: 1, field: null, message: 'The file is empty: it needs a header line and at least one row' }] };

  const errors: ImportError[] = [];
  const columns = header.cells.map(columnName);
  columns.forEach((name, index) => {
    if (!name) errors.push({ line: header.line, field: null, message: `Column ${index + 1} has no name in the header` });
    else if (!isColumn(name)) errors.push({ line: header.line, field: name, message: `Unknown column "${name}"; the columns are ${IMPORT_COLUMNS.join(', ')}` });
    else if (columns.indexOf(name) !== index) errors.push({ line: header.line, field: name, message: `The column "${name}" appears twice` });
  });
  if (!columns.includes('country')) errors.push({ line: header.line, field: 'country', message: 'The column "country" is required' });
  if (errors.length) return { rows: records.length, valid: [], errors };
  if (records.length === 0) return { rows: 0, valid: [], errors: [{ line: header.line, field: null, message: 'The file has a header but no rows' }] };
  if (records.length > MAX_IMPORT_ROWS) {
    const message = `An import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; this file has ${records.length.toLocaleString('en')}. Split it into smaller files.`;
    return { rows: records.length, valid: [], errors: [{ line: records[MAX_IMPORT_ROWS].line, field: null, message }] };
  }

  const valid: ImportRow[] = [];
  const firstLineByEmail = new Map<string, number>();
  for (const { line, cells } of records) {
    if (cells.length !== columns.length) {
      errors.push({ line, field: null, message: `This line has ${cells.length} cells; the header has ${columns.length}` });
      continue;
    }
    const input: Record<string, string> = {};
    columns.forEach((name, index) => {
      const cell = cells[index];
      if (cell.trim() !== '') input[name] = LOWER_CASE.has(name as ImportColumn) ? cell.trim().toLowerCase() : cell;
    });
    const result = importRowSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) errors.push({ line, field: issue.path.length ? String(issue.path[0]) : null, message: issue.message });
      continue;
    }
    const data = result.data;
    if (!campaign.signerKinds.includes(data.kind)) {
      errors.push({ line, field: 'kind', message: `This letter does not take ${data.kind} signatures` });
      continue;
    }
    const emailCanonical = data.email === undefined ? null : canonicaliseEmail(data.email);
    if (emailCanonical !== null) {
      const first = firstLineByEmail.get(emailCanonical);
      if (first !== undefined) {
        errors.push({ line, field: 'email', message: `The same email address is already on line ${first}: each person signs once` });
        continue;
      }
      firstLineByEmail.set(emailCanonical, line);
    }
    valid.push({ line, data, emailCanonical });
  }
  return { rows: records.length, valid, errors };
}
