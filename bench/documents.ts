/**
 * Shared pieces of the document benchmarks (csv, xlsx): a campaign seeded with a realistic mix
 * of signatories on a scratch PostgreSQL database, grown size by size, and a child process that
 * writes one document so its peak RSS is the document's alone.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { cleanups, machineLine, scratchDatabase } from './lib';

export const SLUG = 'documents-bench';

/** Sizes to measure, smallest first: each run adds rows to the same campaign. */
export function benchSizes(fallback: string): number[] {
  return (process.env.BENCH_SIZES ?? process.env.BENCH_ROWS ?? fallback)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
}

export async function createBenchCampaign(sql: postgres.Sql): Promise<string> {
  const [campaign] = await sql`insert into campaigns (slug, title, letter, addressees, status, published_at, kind, signer_kinds, version_number, version_sha256)
    values (${SLUG}, 'Free the Harbour Street Five', 'Excellency, we write about five journalists.', ${sql.json([{ name: 'UN High Commissioner for Human Rights' }])},
      'published', now(), 'letter', ${sql.json(['individual', 'notable', 'organisation', 'group'])}, 2, ${'b'.repeat(64)})
    returning id`;
  return campaign.id;
}

/**
 * Signatories `from`..`to` (1-based, deterministic): every 10th counted (withheld), every 13th
 * confidential, every 50th a notable person with honorific, title and affiliation, every 40th an
 * organisation with its ECOSOC status, every 100th a group of families, every 25th on paper,
 * every 11th a Persian name with a zero-width non-joiner, every 7th a title that needs quoting,
 * every 200th notable or organisation still unreviewed; a third signed version 2.
 */
export async function seedSignatories(sql: postgres.Sql, campaignId: string, from: number, to: number): Promise<void> {
  await sql`
    insert into signatures (campaign_id, kind, source, given_name, family_name, honorific, email, email_canonical, country, title, affiliation,
      organisation_name, organisation_country, ecosoc_status, group_label, members, visibility, review,
      version_number, consent_version, consent_locale, consented_at, status, confirmed_at)
    select ${campaignId}, k.kind::signer_kind, s.source::signature_source,
      case when i % 11 = 0 then 'فریده' else 'Given' || i end,
      case when i % 11 = 0 then 'حسینی‌نژاد' else 'Family' end,
      case when k.kind = 'notable' then 'Prof.' end,
      case when s.source = 'online' then 'bulk' || i || '@example.org' end,
      case when s.source = 'online' then 'bulk' || i || '@example.org' end,
      (array['FR','GB','DE','BR','IN','KE','US'])[1 + i % 7],
      case when k.kind = 'notable' then 'Former UN Special Rapporteur, mandate ' || i when i % 7 = 0 then 'Judge, Court ' || i end,
      case when k.kind = 'notable' then 'University of Northbridge' end,
      case when k.kind = 'organisation' then 'Association for Human Rights ' || i end,
      case when k.kind = 'organisation' then 'CH' end,
      case when k.kind = 'organisation' then ((array['general','special','roster','none'])[1 + i % 4])::ecosoc_status end,
      case when k.kind = 'group' then 'Families of the disappeared ' || i end,
      case when k.kind = 'group' then 2 + i % 20 else 1 end,
      (case when i % 10 = 0 then 'counted' when i % 13 = 0 then 'confidential' else 'public' end)::signature_visibility,
      (case when k.kind in ('notable', 'organisation') and i % 10 <> 0 then case when i % 200 = 0 then 'pending' else 'approved' end else 'not-needed' end)::review_state,
      case when i % 3 = 0 then 2 else 1 end,
      'bench', 'en', timestamptz '2026-01-01 00:00:00+00', 'confirmed',
      timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second'
    from generate_series(${from}::int, ${to}::int) as i,
      lateral (select case when i % 50 = 0 then 'notable' when i % 40 = 0 then 'organisation' when i % 100 = 1 then 'group' else 'individual' end as kind) k,
      lateral (select case when i % 25 = 3 then 'paper' else 'online' end as source) s`;
  await sql`insert into campaign_versions (campaign_id, number, title, letter, demands, addressees, sha256)
    values (${campaignId}, 1, 'Free the Harbour Street Five', 'v1', '[]', '[]', ${'a'.repeat(64)}),
           (${campaignId}, 2, 'Free the Harbour Street Five', 'v2', '[]', '[]', ${'b'.repeat(64)})
    on conflict do nothing`;
  await sql`vacuum analyze signatures`;
}

export type ChildFigures = {
  seconds: number;
  bytes: number;
  rows: number;
  sha256: string;
  /** Peak resident set of the whole child process (Node, tsx, the database client and the writer). */
  peakRssMb: number;
  /** Resident set once everything was imported and connected, before the document. */
  startRssMb: number;
};

/** Runs bench/document-child.ts with these arguments and returns what it measured. */
export async function runChild(args: string[], env: Record<string, string> = {}): Promise<ChildFigures> {
  return runJsonChild<ChildFigures>(path.join(__dirname, 'document-child.ts'), args, env);
}

/** Runs a script under tsx in a process of its own and returns the JSON of its last line of output. */
export async function runJsonChild<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const child = spawn('npx', ['tsx', script, ...args], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-10_000)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`${path.basename(script)} ${args[0] ?? ''} failed (${code}): ${stderr}${stdout}`);
  return JSON.parse(line) as T;
}

/** One size of a document benchmark, once the campaign holds `size` signatories. */
export type BenchStep = { size: number; databaseUrl: string; campaignId: string; sql: postgres.Sql };

/**
 * Runs a document benchmark and exits: a scratch database whose campaign grows to each size in
 * turn (seeding is timed and printed, not measured), then `measure`, which says whether that
 * size met its targets; the process fails if any did not.
 */
export function runDocumentBench(format: string, heading: string, sizes: number[], measure: (step: BenchStep) => Promise<boolean>): void {
  async function main() {
    const done = cleanups();
    try {
      const scratch = await scratchDatabase(`bench_${format}`);
      done.add(scratch.drop);
      const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
      done.add(() => sql.end());
      const campaignId = await createBenchCampaign(sql);
      console.log(`\n${format} benchmark, ${new Date().toISOString().slice(0, 10)}: ${heading}`);
      let seeded = 0;
      let allMet = true;
      for (const size of sizes) {
        const t = performance.now();
        await seedSignatories(sql, campaignId, seeded + 1, size);
        seeded = size;
        console.log(`\n${size.toLocaleString('en')} signatories (seeded in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
        const met = await measure({ size, databaseUrl: scratch.url, campaignId, sql });
        allMet &&= met;
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
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
