/**
 * CSV export of 1,000,000 confirmed signatures (one campaign, PostgreSQL scratch database):
 * the app's exportSignaturesCsv in process, streamed to /dev/null, against psql's \copy of the
 * same columns in the same order, in the same run.
 *   npm run bench:csv
 * Knobs: BENCH_ROWS (1000000). Prints time, RSS growth (sampled every 100 ms) and a SHA-256 of
 * the output, which is deterministic for a given row count (fixed names, dates and order).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import postgres from 'postgres';
import { benchEnv, cleanups, machineLine, scratchDatabase, verdict } from './lib';

benchEnv();

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SLUG = 'csv-bench';

async function main() {
  const done = cleanups();
  try {
    const scratch = await scratchDatabase('bench_csv');
    done.add(scratch.drop);
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    done.add(() => sql.end());
    const [campaign] = await sql`insert into campaigns (slug, title, letter, addressees, status, published_at)
      values (${SLUG}, 'Bench', 'Text', ${sql.json(['OHCHR'])}, 'published', now()) returning id`;
    let t = performance.now();
    // Every tenth signer counted but not named, every seventh with a title that needs quoting.
    await sql`
      insert into signatures (campaign_id, given_name, family_name, email, email_canonical, country, title, visibility,
        consent_version, consent_locale, consented_at, status, confirmed_at)
      select ${campaign.id}, 'Given' || i, 'Family', 'bulk' || i || '@example.org', 'bulk' || i || '@example.org',
        (array['FR','GB','DE','BR','IN','KE','US'])[1 + i % 7],
        case when i % 7 = 0 then 'Judge, Court ' || i end,
        (case when i % 10 = 0 then 'counted' else 'public' end)::signature_visibility,
        'bench', 'en', timestamptz '2026-01-01 00:00:00+00', 'confirmed',
        timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second'
      from generate_series(1, ${ROWS}) as i`;
    await sql`vacuum analyze signatures`;
    const insertSeconds = (performance.now() - t) / 1000;

    // ---- baseline: psql \copy of the same columns, same filter and order ----
    const query = `select row_number() over (order by confirmed_at, id),
        case when visibility = 'public' and name_hidden_at is null then given_name || ' ' || family_name else 'Name withheld' end,
        case when visibility = 'public' and name_hidden_at is null then title end,
        case when visibility = 'public' and name_hidden_at is null then country end,
        case when visibility = 'public' and name_hidden_at is null then country end,
        to_char(confirmed_at at time zone 'UTC', 'YYYY-MM-DD')
      from signatures where campaign_id = '${campaign.id}' and status = 'confirmed' and held_reason is null and invalidated_at is null
      order by confirmed_at, id`.replace(/\s+/g, ' ');
    t = performance.now();
    const copy = spawnSync('psql', [scratch.url, '-X', '-q', '-c', `\\copy (${query}) to '/dev/null' csv header`], { encoding: 'utf8' });
    const copySeconds = (performance.now() - t) / 1000;
    if (copy.status !== 0) throw new Error(`psql failed: ${copy.stderr}`);

    // ---- the app: exportSignaturesCsv in this process ----
    const { openDatabase, setDatabase } = await import('../db/client');
    const handle = await openDatabase({ databaseUrl: scratch.url });
    setDatabase(handle);
    done.add(() => handle.close());
    const { exportSignaturesCsv } = await import('../lib/exports/export-signatures-csv');
    const admin = { userId: 'bench', email: 'bench@example.org', isAdmin: true };
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const out = createWriteStream('/dev/null');
    const hash = createHash('sha256');
    let bytes = 0;
    let lines = 0;
    t = performance.now();
    const { chunks } = await exportSignaturesCsv(admin, SLUG);
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      hash.update(chunk);
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise((r) => out.end(r));
    const appSeconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const growthMb = (peakRss - rssBefore) / 1e6;

    const ratio = appSeconds / copySeconds;
    console.log(`\ncsv benchmark, ${new Date().toISOString().slice(0, 10)}: ${ROWS.toLocaleString('en')} confirmed signatures, one campaign, PostgreSQL (inserted in ${insertSeconds.toFixed(1)} s)`);
    console.log(machineLine());
    console.log(`app:      exportSignaturesCsv -> /dev/null: ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${appSeconds.toFixed(2)} s; RSS grew ${growthMb.toFixed(0)} MB (peak, sampled every 100 ms); sha256 ${hash.digest('hex').slice(0, 16)}`);
    console.log(`baseline: psql \\copy (same columns, filter, order) to /dev/null: ${copySeconds.toFixed(2)} s`);
    console.log(`ratio app/\\copy: ${ratio.toFixed(2)}x`);
    console.log(`target (<= 3x \\copy, RSS growth <= 100 MB): ${verdict(ratio <= 3 && growthMb <= 100)}`);
    if (lines - 1 !== ROWS) {
      console.log(`WRONG row count: ${lines - 1}, expected ${ROWS}`);
      process.exitCode = 1;
    }
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
