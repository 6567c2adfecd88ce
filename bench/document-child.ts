/**
 * One document written in a process of its own, so its peak RSS is measured alone. Prints one
 * JSON line of figures (see ChildFigures in bench/documents.ts).
 *   tsx bench/document-child.ts app <csv|xlsx|osdi-json|none> <database url> <slug>
 *     (none: the reader alone, every page read and dropped: what the database side costs)
 *   tsx bench/document-child.ts exceljs-constant <rows>      (the bare XLSX baseline: no database)
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DocumentWriter } from '../lib/documents/document-source';
import { benchEnv } from './lib';

benchEnv();

/** Counts, hashes and drops the bytes, like a fast client on the other end. */
function sink() {
  const hash = createHash('sha256');
  const kept: Buffer[] | null = process.env.BENCH_VERIFY ? [] : null;
  let bytes = 0;
  let newlines = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      kept?.push(chunk);
      bytes += chunk.length;
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      callback();
    },
  });
  return { out, kept, figures: () => ({ bytes, newlines, sha256: hash.digest('hex') }) };
}

async function app(format: string, databaseUrl: string, slug: string) {
  const { openDatabase, setDatabase } = await import('../db/client');
  const handle = await openDatabase({ databaseUrl, poolSize: 1 });
  setDatabase(handle);
  const { readSignatories } = await import('../lib/signatories/read-signatories');
  const { signatoryFiltersSchema } = await import('../lib/signatories/filters');
  const writers = {
    csv: (await import('../lib/documents/csv/write-csv')).writeCsv,
    xlsx: (await import('../lib/documents/xlsx/write-xlsx')).writeXlsx,
    'osdi-json': (await import('../lib/documents/osdi-json/write-osdi-json')).writeOsdiJson,
  };
  const writer: DocumentWriter | undefined =
    format === 'none'
      ? async (source, out) => {
          for await (const _page of source.read('date'));
          out.end();
        }
      : writers[format as keyof typeof writers];
  if (!writer) throw new Error(`unknown format ${format}`);
  const { findCampaignBySlug } = await import('../lib/campaigns/find-campaign-by-slug');
  const { loadDocumentSource } = await import('../lib/documents/load-document-source');
  const campaign = await findCampaignBySlug(slug);
  if (!campaign) throw new Error(`no campaign ${slug}`);

  global.gc?.();
  const startRss = process.memoryUsage().rss;
  const t = performance.now();
  const cpu = process.cpuUsage();
  // What a download costs: the source a route builds (counts, versions), then the rows through the one reader.
  const filters = signatoryFiltersSchema.parse({ reviewed: 'all' });
  const loaded = await loadDocumentSource(campaign, filters);
  const pageSize = Number(process.env.BENCH_PAGE_SIZE) || undefined;
  // BENCH_PAGE_SIZE tries another page size than the reader's default (1,000).
  const source = pageSize ? { ...loaded, read: (order: 'date' | 'section') => readSignatories(campaign.id, filters, { order, pageSize }) } : loaded;
  const counts = source.context.counts;
  const { out, kept, figures } = sink();
  await writer(source, out);
  const seconds = (performance.now() - t) / 1000;
  // CPU of every thread of this process (the decryption worker too): less at the mercy of a busy machine than wall time.
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const f = figures();
  await handle.close();
  let rows = format === 'csv' ? f.newlines - 1 : format === 'osdi-json' ? f.newlines - 2 : counts.total;
  if (format === 'none') rows = counts.total;
  if (kept && format === 'xlsx') rows = await xlsxRows(Buffer.concat(kept));
  return { seconds, cpuSeconds, bytes: f.bytes, rows, sha256: f.sha256, startRss };
}

/** Data rows exceljs reads back, if they are numbered 1..n in order; -1 otherwise. */
async function xlsxRows(bytes: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Signatories')!;
  let expected = 1;
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value === expected) expected++;
  });
  return expected - 1 === sheet.rowCount - 1 ? expected - 1 : -1;
}

/** The bare baseline: exceljs's streaming writer, 18 constant cells a row, as its documentation shows it. */
async function exceljsConstant(rows: number) {
  const startRss = process.memoryUsage().rss;
  const t = performance.now();
  const { out, figures } = sink();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Signatories');
  const values = [1, 'Given Family', 'Individual', 'Prof.', 'Given', 'Family', 'Judge, Court', 'University', 'Association', 'Special', 'Families', 1, 'France', 'FR', 'Online', 'Approved', 1, new Date('2026-01-01T00:00:00Z')];
  for (let i = 1; i <= rows; i++) {
    sheet.addRow(values).commit();
    // Let the zip compress now and then, as any real source of rows would.
    if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
  const seconds = (performance.now() - t) / 1000;
  const f = figures();
  return { seconds, bytes: f.bytes, rows, sha256: f.sha256, startRss };
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  const result = mode === 'app' ? await app(args[0], args[1], args[2]) : await exceljsConstant(Number(args[0]));
  const { startRss, ...rest } = result;
  console.log(JSON.stringify({ ...rest, startRssMb: startRss / 1e6, peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6 }));
}

main()
  .then(() => process.exit())
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
