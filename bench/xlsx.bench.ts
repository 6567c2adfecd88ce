/**
 * The XLSX list of signatories as a user downloads it: countSignatories and readSignatories on a
 * scratch PostgreSQL database, into writeXlsx, in a child process (peak RSS is the child's own),
 * against exceljs's streaming writer filling the same number of rows with constant values and no
 * database (also in a child), in the same run, at each size.
 *   npm run bench:xlsx
 * Knobs: BENCH_SIZES (10000,100000,1000000). Target: 1,000,000 rows in <= 20 s, <= 500 MB peak RSS.
 */
import postgres from 'postgres';
import { benchSizes, createBenchCampaign, mb, runChild, seedSignatories, SLUG } from './documents';
import { benchEnv, cleanups, machineLine, scratchDatabase, verdict } from './lib';

benchEnv();

const SIZES = benchSizes('10000,100000,1000000');
const VERIFY_UP_TO = 100_000;

async function main() {
  const done = cleanups();
  try {
    const scratch = await scratchDatabase('bench_xlsx');
    done.add(scratch.drop);
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    done.add(() => sql.end());
    const campaignId = await createBenchCampaign(sql);
    console.log(`\nxlsx benchmark, ${new Date().toISOString().slice(0, 10)}: writeXlsx through readSignatories, PostgreSQL`);
    let seeded = 0;
    let allMet = true;
    for (const size of SIZES) {
      const t = performance.now();
      await seedSignatories(sql, campaignId, seeded + 1, size);
      seeded = size;
      const seedSeconds = (performance.now() - t) / 1000;

      const app = await runChild(['app', 'xlsx', scratch.url, SLUG]);
      const bare = await runChild(['exceljs-constant', String(size)]);
      console.log(`\n${size.toLocaleString('en')} signatories (seeded in ${seedSeconds.toFixed(1)} s)`);
      console.log(`  app:      writeXlsx -> sink: ${mb(app.bytes)} in ${app.seconds.toFixed(2)} s; peak RSS ${app.peakRssMb.toFixed(0)} MB (process, ${app.startRssMb.toFixed(0)} MB before the document)`);
      console.log(`  baseline: exceljs WorkbookWriter, addRow of 18 constant cells, no database: ${mb(bare.bytes)} in ${bare.seconds.toFixed(2)} s; peak RSS ${bare.peakRssMb.toFixed(0)} MB`);
      console.log(`  ratio app/baseline: ${(app.seconds / bare.seconds).toFixed(2)}x time, ${(app.peakRssMb / bare.peakRssMb).toFixed(2)}x peak RSS`);
      if (size <= VERIFY_UP_TO) {
        // A separate, unmeasured run keeps the bytes and has exceljs read them back.
        const check = await runChild(['app', 'xlsx', scratch.url, SLUG], { BENCH_VERIFY: '1' });
        const ok = check.rows === size;
        allMet &&= ok;
        console.log(`  read back by exceljs: ${check.rows.toLocaleString('en')} data rows, numbered 1..${check.rows}: ${ok ? 'OK' : 'WRONG'}`);
      }
      if (size === 1_000_000) {
        const met = app.seconds <= 20 && app.peakRssMb <= 500;
        allMet &&= met;
        console.log(`  target (1,000,000 in <= 20 s, <= 500 MB peak RSS): ${verdict(met)}`);
      }
    }
    console.log(`\n${machineLine()}`);
    if (!allMet) process.exitCode = 1;
  } finally {
    await done.run();
  }
}

main()
  .then(() => process.exit())
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
