/**
 * The CSV list of signatories as a user downloads it: countSignatories and readSignatories on a
 * scratch PostgreSQL database, into writeCsv, in a child process (so its peak RSS is its own),
 * against psql's \copy of the same columns, filter and order, in the same run, at each size.
 *   npm run bench:csv
 * Knobs: BENCH_SIZES (10000,100000,1000000). Rows are deterministic (see seedSignatories), so
 * the printed SHA-256 of the file is the same from run to run for a given size.
 */
import { spawnSync } from 'node:child_process';
import { benchSizes, mb, runChild, runDocumentBench, SLUG } from './documents';
import { benchEnv, verdict } from './lib';

benchEnv();

const SIZES = benchSizes('10000,100000,1000000');

// What writeCsv reads, as PostgreSQL can give it: the same rows, filter and order, the clear
// columns, and each named row's sealed unit as stored (PostgreSQL cannot open it; the app must).
const copyQuery = (campaignId: string) =>
  `select row_number() over (order by confirmed_at, id), kind, n.pii, n.ecosoc, members, n.country, source, review, version_number,
      to_char(confirmed_at at time zone 'UTC', 'YYYY-MM-DD')
    from signatures, lateral (select visibility <> 'counted' and name_hidden_at is null as named) v,
      lateral (select case when v.named then pii end as pii, case when v.named then ecosoc_status end as ecosoc,
        case when v.named then coalesce(organisation_country, country) end as country) n
    where campaign_id = '${campaignId}' and status = 'confirmed' and held_reason is null and invalidated_at is null and review <> 'rejected'
    order by confirmed_at, id`.replace(/\s+/g, ' ');

runDocumentBench('csv', 'writeCsv through readSignatories, PostgreSQL', SIZES, async ({ size, databaseUrl, campaignId }) => {
  const app = await runChild(['app', 'csv', databaseUrl, SLUG]);
  const reader = await runChild(['app', 'none', databaseUrl, SLUG]);
  const copyStart = performance.now();
  const copy = spawnSync('psql', [databaseUrl, '-X', '-q', '-c', `\\copy (${copyQuery(campaignId)}) to '/dev/null' csv header`], { encoding: 'utf8' });
  const copySeconds = (performance.now() - copyStart) / 1000;
  if (copy.status !== 0) throw new Error(`psql failed: ${copy.stderr}`);

  const ratio = app.seconds / copySeconds;
  const met = ratio <= 3 && app.rows === size;
  console.log(`  app:      writeCsv -> sink: ${app.rows.toLocaleString('en')} rows, ${mb(app.bytes)} in ${app.seconds.toFixed(2)} s (CPU ${app.cpuSeconds?.toFixed(2)} s); peak RSS ${app.peakRssMb.toFixed(0)} MB (process, ${app.startRssMb.toFixed(0)} MB before the document); sha256 ${app.sha256.slice(0, 16)}`);
  console.log(`  reader alone (countSignatories + readSignatories, rows dropped): ${reader.seconds.toFixed(2)} s (CPU ${reader.cpuSeconds?.toFixed(2)} s); peak RSS ${reader.peakRssMb.toFixed(0)} MB`);
  console.log(`  baseline: psql \\copy (same rows, filter, order; sealed units as stored) to /dev/null: ${copySeconds.toFixed(2)} s`);
  console.log(`  ratio app/\\copy: ${ratio.toFixed(2)}x (reader alone/\\copy: ${(reader.seconds / copySeconds).toFixed(2)}x); target <= 3x: ${verdict(met)}`);
  if (app.rows !== size) console.log(`  WRONG row count: ${app.rows}, expected ${size}`);
  return met;
});
