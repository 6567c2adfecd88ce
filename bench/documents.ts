/**
 * Shared pieces of the document benchmarks (csv, xlsx): a campaign seeded with a realistic mix
 * of signatories on a scratch PostgreSQL database, grown size by size, and a child process that
 * writes one document so its peak RSS is the document's alone.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../db/client';
import { getCampaignKey, type CampaignKey } from '../lib/crypto/campaign-keys';
import { signerColumns, signerData } from '../lib/signatures/signer-data';
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
  const [campaign] = await sql`with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, kind, signer_kinds, version_number, version_sha256, workspace_id)
    select ${SLUG}, 'Free the Harbour Street Five', 'Excellency, we write about five journalists.', ${sql.json([{ name: 'UN High Commissioner for Human Rights' }])},
      'published', now(), 'letter', ${sql.json(['individual', 'notable', 'organisation', 'group'])}, 2, ${'b'.repeat(64)}, w.id from w
    returning id`;
  return campaign.id;
}

/**
 * Signatories `from`..`to` (1-based, deterministic): every 10th counted (withheld), every 13th
 * confidential, every 50th a notable person with honorific, title and affiliation, every 40th an
 * organisation with its ECOSOC status, every 100th a group of families, every 25th on paper,
 * every 11th a Persian name with a zero-width non-joiner, every 7th a title that needs quoting,
 * every 200th notable or organisation still unreviewed; a third signed version 2. Each row's
 * personal data is sealed in JS as the app seals it (so documents pay the real decryption),
 * in batches sent as one JSON parameter.
 */
export async function seedSignatories(sql: postgres.Sql, key: CampaignKey, from: number, to: number): Promise<void> {
  const countries = ['FR', 'GB', 'DE', 'BR', 'IN', 'KE', 'US'];
  const ecosoc = ['general', 'special', 'roster', 'none'];
  for (let start = from; start <= to; start += SEED_BATCH) {
    const rows = [];
    for (let i = start; i <= Math.min(to, start + SEED_BATCH - 1); i++) {
      const kind = i % 50 === 0 ? 'notable' : i % 40 === 0 ? 'organisation' : i % 100 === 1 ? 'group' : 'individual';
      const source = i % 25 === 3 ? 'paper' : 'online';
      const email = source === 'online' ? `bulk${i}@example.org` : null;
      const signer = signerColumns(
        key,
        signerData({
          email,
          givenName: i % 11 === 0 ? 'فریده' : `Given${i}`,
          familyName: i % 11 === 0 ? 'حسینی‌نژاد' : 'Family',
          honorific: kind === 'notable' ? 'Prof.' : null,
          title: kind === 'notable' ? `Former UN Special Rapporteur, mandate ${i}` : i % 7 === 0 ? `Judge, Court ${i}` : null,
          affiliation: kind === 'notable' ? 'University of Northbridge' : null,
          organisationName: kind === 'organisation' ? `Association for Human Rights ${i}` : null,
          groupLabel: kind === 'group' ? `Families of the disappeared ${i}` : null,
        }),
      );
      rows.push({
        pii: signer.pii.toString('base64'),
        email_index: signer.emailIndex,
        email_domain_index: signer.emailDomainIndex,
        kind,
        source,
        country: countries[i % 7],
        organisation_country: kind === 'organisation' ? 'CH' : null,
        ecosoc_status: kind === 'organisation' ? ecosoc[i % 4] : null,
        members: kind === 'group' ? 2 + (i % 20) : 1,
        visibility: i % 10 === 0 ? 'counted' : i % 13 === 0 ? 'confidential' : 'public',
        review: (kind === 'notable' || kind === 'organisation') && i % 10 !== 0 ? (i % 200 === 0 ? 'pending' : 'approved') : 'not-needed',
        version_number: i % 3 === 0 ? 2 : 1,
        i,
      });
    }
    await sql`
      insert into signatures (campaign_id, kind, source, pii, email_index, email_domain_index, country, organisation_country,
        ecosoc_status, members, visibility, review, version_number, consent_version, consent_locale, consented_at, status, confirmed_at)
      select ${key.campaignId}, r.kind::signer_kind, r.source::signature_source, decode(r.pii, 'base64'), r.email_index, r.email_domain_index,
        r.country, r.organisation_country, r.ecosoc_status::ecosoc_status, r.members, r.visibility::signature_visibility,
        r.review::review_state, r.version_number, 'bench', 'en', timestamptz '2026-01-01 00:00:00+00', 'confirmed',
        timestamptz '2026-01-01 00:00:00+00' + r.i * interval '1 second'
      from jsonb_to_recordset(${sql.json(rows)}::jsonb) as r(pii text, email_index text, email_domain_index text, kind text,
        source text, country text, organisation_country text, ecosoc_status text, members int, visibility text, review text,
        version_number int, i int)`;
  }
  await sql`insert into campaign_versions (campaign_id, number, title, letter, demands, addressees, sha256)
    values (${key.campaignId}, 1, 'Free the Harbour Street Five', 'v1', '[]', '[]', ${'a'.repeat(64)}),
           (${key.campaignId}, 2, 'Free the Harbour Street Five', 'v2', '[]', '[]', ${'b'.repeat(64)})
    on conflict do nothing`;
  await sql`vacuum analyze signatures`;
}

const SEED_BATCH = 10_000;

/** The bench campaign's key, made through the app's own code on a connection of its own. */
export async function benchCampaignKey(databaseUrl: string, campaignId: string): Promise<CampaignKey> {
  const handle = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    return await getCampaignKey(campaignId, handle.db);
  } finally {
    await handle.close();
  }
}

export type ChildFigures = {
  seconds: number;
  /** User and system CPU of the child's threads while it made the document (the app side only). */
  cpuSeconds?: number;
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
      const key = await benchCampaignKey(scratch.url, campaignId);
      console.log(`\n${format} benchmark, ${new Date().toISOString().slice(0, 10)}: ${heading}`);
      let seeded = 0;
      let allMet = true;
      for (const size of sizes) {
        const t = performance.now();
        await seedSignatories(sql, key, seeded + 1, size);
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
