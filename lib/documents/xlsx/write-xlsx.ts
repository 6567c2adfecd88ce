import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { DocumentContext, DocumentWriter } from '@/lib/documents/document-source';
import { readAhead } from '@/lib/documents/read-ahead';
import { SIGNATORY_COLUMNS, signatoryCells } from '@/lib/documents/signatory-table';
import { closedEarly, drained, OUTPUT_CLOSED } from '@/lib/documents/write-out';
import { rowXml } from './row-xml';
import { xlsxText } from './xlsx-text';

const WIDTHS = [7, 36, 13, 10, 18, 18, 40, 30, 36, 13, 28, 8, 20, 8, 9, 12, 8, 12];
const DATE_COLUMN = SIGNATORY_COLUMNS.indexOf('Date confirmed (UTC)');
// A backlog of uncompressed sheet XML above this makes the writer wait for the zip to catch up.
const BACKLOG_BYTES = 4 * 2 ** 20;

/** The parts of exceljs 4.4's streaming writer this file relies on, checked before use. */
type SheetInternals = { stream: { write: (xml: string) => void; pipes?: (Writable & { _writableState?: { length: number } })[] } };
type WorkbookInternals = { styles: { addStyleModel: (style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType) => number } };

/**
 * The signatories as an Excel workbook: a "Signatories" sheet in the order they confirmed
 * (bold, frozen header with filters), then an "About" sheet with the letter, its versions,
 * the filters and the counts.
 *
 * exceljs's WorkbookWriter makes the workbook (zip, styles, views, the header and the About
 * sheet); the signatory rows are written as SpreadsheetML straight into its sheet stream,
 * because exceljs's own rows cost 18-50 µs each (1,000,000 took 18-52 s with no database). The
 * writer then waits for the zip to compress each page, so memory stays flat.
 *
 * Dates are real dates shown as yyyy-mm-dd: they sort and filter as dates in every locale's
 * Excel and still read the same everywhere (UTC, like the CSV).
 */
export const writeXlsx: DocumentWriter = async (source, out) => {
  const { context } = source;
  // exceljs waits for `out` to finish and never hears that it closed: a cancelled download would hang it.
  const closed = closedEarly(out);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    workbook.creator = 'Undersigned';
    workbook.created = context.generatedAt;

    const sheet = workbook.addWorksheet('Signatories', { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
    sheet.columns = WIDTHS.map((width) => ({ width }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SIGNATORY_COLUMNS.length } };
    const header = sheet.addRow([...SIGNATORY_COLUMNS]);
    header.font = { bold: true };
    header.commit();

    const { stream } = sheet as unknown as SheetInternals;
    const { styles } = workbook as unknown as WorkbookInternals;
    if (typeof stream?.write !== 'function' || typeof styles?.addStyleModel !== 'function') {
      throw new Error('exceljs changed: the Signatories sheet cannot be streamed (see write-xlsx.ts)');
    }
    const dateStyleId = styles.addStyleModel({ numFmt: 'yyyy-mm-dd' }, ExcelJS.ValueType.Date);
    let rowNumber = 1;
    for await (const page of readAhead(source.read('date'))) {
      if (out.destroyed) throw new Error(OUTPUT_CLOSED);
      let xml = '';
      for (const signatory of page) xml += rowXml(++rowNumber, signatoryCells(signatory), DATE_COLUMN, dateStyleId);
      stream.write(xml);
      await Promise.race([compressed(stream.pipes?.[0], out), closed]);
    }
    sheet.commit();

    writeAbout(workbook.addWorksheet('About'), context);
    await Promise.race([workbook.commit(), closed]);
  } catch (error) {
    // A truncated document must not pass for a whole one: `out` closes unfinished, so the
    // download fails. Destroyed without the error, which `out` may have no listener for.
    out.destroy();
    throw error;
  }
};

/**
 * exceljs hands the sheet's XML to the zip without back-pressure, and the zip only compresses
 * when the event loop turns: without this wait, 1,000,000 rows kept ~450 MB of XML queued.
 */
async function compressed(queue: (Writable & { _writableState?: { length: number } }) | undefined, out: Writable): Promise<void> {
  if (queue?._writableState && queue._writableState.length > BACKLOG_BYTES) {
    await drained(queue, out);
  } else {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function writeAbout(sheet: ExcelJS.Worksheet, context: DocumentContext): void {
  const { campaign, version, versions, counts, filters } = context;
  sheet.columns = [{ width: 30 }, { width: 70 }, { width: 14 }];
  const rows: (string | number)[][] = [
    ['Letter', campaign.title],
    ['Address', campaign.url],
    ['Version', version.number],
    ['SHA-256 of the version', version.sha256],
    ['Generated (UTC)', context.generatedAt.toISOString()],
    [],
    ['Versions signed', 'SHA-256', 'Signatories'],
    ...versions.map((v) => [`Version ${v.number}`, v.sha256, v.signatories]),
    [],
    ['Filters'],
    ['Kind', filters.kind ?? 'all'],
    ['Country', filters.country ?? 'all'],
    ['Review', filters.reviewed === 'only' ? 'reviewed only' : 'all, unreviewed marked'],
    ['Source', filters.source],
    ['From', filters.from ?? '—'],
    ['To', filters.to ?? '—'],
    [],
    ['Counts'],
    ['Signatories', counts.total],
    ['Named', counts.named],
    ['Name withheld', counts.withheld],
    ['Online', counts.online],
    ['Paper', counts.paper],
    ['People (group members counted)', counts.people],
    ['Unreviewed', counts.unreviewed],
    ['Individuals', counts.byKind.individual],
    ['Notable', counts.byKind.notable],
    ['Organisations', counts.byKind.organisation],
    ['Groups', counts.byKind.group],
  ];
  const headings = new Set(['Versions signed', 'Filters', 'Counts']);
  for (const values of rows) {
    const row = sheet.addRow(values.map((value) => (typeof value === 'string' ? xlsxText(value) : value)));
    if (headings.has(String(values[0]))) row.font = { bold: true };
    row.commit();
  }
  sheet.commit();
}
