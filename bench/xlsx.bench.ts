/**
 * The XLSX list of signatories as a user downloads it: countSignatories and readSignatories on a
 * scratch PostgreSQL database, into writeXlsx, in a child process (peak RSS is the child's own),
 * against exceljs's streaming writer filling the same number of rows with constant values and no
 * database (also in a child), in the same run, at each size.
 *   npm run bench:xlsx
 * Knobs: BENCH_SIZES (10000,100000,1000000). Target: 1,000,000 rows in <= 20 s, <= 500 MB peak RSS.
 */
import { benchSizes, mb, runChild, runDocumentBench, SLUG } from './documents';
import { benchEnv, verdict } from './lib';

benchEnv();

const SIZES = benchSizes('10000,100000,1000000');
const VERIFY_UP_TO = 100_000;

runDocumentBench('xlsx', 'writeXlsx through readSignatories, PostgreSQL', SIZES, async ({ size, databaseUrl }) => {
  let met = true;
  const app = await runChild(['app', 'xlsx', databaseUrl, SLUG]);
  const bare = await runChild(['exceljs-constant', String(size)]);
  console.log(`  app:      writeXlsx -> sink: ${mb(app.bytes)} in ${app.seconds.toFixed(2)} s; peak RSS ${app.peakRssMb.toFixed(0)} MB (process, ${app.startRssMb.toFixed(0)} MB before the document)`);
  console.log(`  baseline: exceljs WorkbookWriter, addRow of 18 constant cells, no database: ${mb(bare.bytes)} in ${bare.seconds.toFixed(2)} s; peak RSS ${bare.peakRssMb.toFixed(0)} MB`);
  console.log(`  ratio app/baseline: ${(app.seconds / bare.seconds).toFixed(2)}x time, ${(app.peakRssMb / bare.peakRssMb).toFixed(2)}x peak RSS`);
  if (size <= VERIFY_UP_TO) {
    // A separate, unmeasured run keeps the bytes and has exceljs read them back.
    const check = await runChild(['app', 'xlsx', databaseUrl, SLUG], { BENCH_VERIFY: '1' });
    const ok = check.rows === size;
    met &&= ok;
    console.log(`  read back by exceljs: ${check.rows.toLocaleString('en')} data rows, numbered 1..${check.rows}: ${ok ? 'OK' : 'WRONG'}`);
  }
  if (size === 1_000_000) {
    const fast = app.seconds <= 20 && app.peakRssMb <= 500;
    met &&= fast;
    console.log(`  target (1,000,000 in <= 20 s, <= 500 MB peak RSS): ${verdict(fast)}`);
  }
  return met;
});
