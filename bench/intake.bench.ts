/**
 * HTTP intake: POST /api/v1/campaigns/{slug}/signatures on `next start` of the build, against a
 * bare node:http + postgres.js server doing the same inserts, in the same run.
 *   npm run bench:intake                 # PostgreSQL (scratch databases on 127.0.0.1:5432), 50 connections
 *   npm run bench:intake -- --pglite     # the app on embedded PGlite (BENCH_DB=pglite works too), 20 connections
 * Knobs: BENCH_SECONDS (20), BENCH_CONNECTIONS, BENCH_MAIL_WORKER (off).
 * Afterwards every 202 must be exactly one signature and one confirm-signature outbox row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { benchEnv, cleanups, client, describeLoad, freePort, machineLine, runLoad, scratchDatabase, startApp, startChild, verdict, type LoadResult } from './lib';

benchEnv();

const PGLITE = process.argv.includes('--pglite') || process.env.BENCH_DB === 'pglite';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? (PGLITE ? 20 : 50));
const WARMUP_SECONDS = 3;
const MAIL_WORKER = process.env.BENCH_MAIL_WORKER ?? 'off';
const TARGET = PGLITE ? { rate: 283, p99: Infinity, text: 'must not fall below 283/s (previous figure)' } : { rate: 1000, p99: 200, text: '>= 1,000/s, p99 <= 200 ms' };
const SLUG = 'intake-bench';
const MARK = '__BENCH_LINK__';

function signer(prefix: string, i: number) {
  return { givenName: 'Bench', familyName: `Signer ${i}`, email: `${prefix}${i}@example.org`, country: 'FR', visibility: i % 10 ? 'public' : 'counted', consent: true };
}

/** Warm-up (counted in the check, not in the figures), then the measured run. */
async function drive(base: string, pathname: string, prefix: string, accepted: Set<string>): Promise<LoadResult> {
  const http = client(base, CONNECTIONS);
  let i = 0;
  const request = () => {
    const body = signer(prefix, i++);
    return http.send('POST', pathname, body).then((reply) => {
      if (reply.status === 202) accepted.add(body.email);
      return reply;
    });
  };
  await runLoad({ connections: CONNECTIONS, seconds: WARMUP_SECONDS, request, ok: (r) => r.status === 202 });
  const result = await runLoad({ connections: CONNECTIONS, seconds: SECONDS, request, ok: (r) => r.status === 202 });
  http.close();
  return result;
}

/** What a side wrote, by address: the app's rows are opened with its keys; the baseline's key dies with it. */
type Rows = { signatures: string[]; outbox: string[]; opened: boolean };

type StoredRows = { signatures: { campaign_id: string; pii: Uint8Array }[]; keys: { campaign_id: string; wrapped_key: Uint8Array; master_key_id: string }[]; outbox: { sealed: Uint8Array }[] };

/** Opens the app's sealed rows with the master key the bench gave it (DATA_ENCRYPTION_KEY). */
async function openRows(stored: StoredRows): Promise<Rows> {
  const { unwrapDataKey } = await import('../lib/crypto/campaign-keys');
  const { openSigner } = await import('../lib/signatures/signer-data');
  const { openMail } = await import('../lib/crypto/seal-mail');
  const keys = new Map(stored.keys.map((row) => [row.campaign_id, unwrapDataKey(row.campaign_id, row.wrapped_key, row.master_key_id)]));
  return {
    signatures: stored.signatures.map((row) => openSigner({ campaignId: row.campaign_id, dataKey: keys.get(row.campaign_id)!, indexKey: Buffer.alloc(0) }, row.pii).email ?? ''),
    outbox: stored.outbox.map((row) => openMail(row.sealed).to),
    opened: true,
  };
}

/** Every accepted address is exactly one signature and one confirmation mail, and nothing else was written. */
function check(accepted: Set<string>, rows: Rows): string[] {
  const problems: string[] = [];
  if (rows.opened) problems.push(...checkByAddress(accepted, rows));
  if (rows.signatures.length !== accepted.size) problems.push(`${rows.signatures.length} signature rows for ${accepted.size} answers 202`);
  if (rows.outbox.length !== accepted.size) problems.push(`${rows.outbox.length} confirm-signature mails for ${accepted.size} answers 202`);
  return problems;
}

function checkByAddress(accepted: Set<string>, rows: Rows): string[] {
  const problems: string[] = [];
  const tally = (list: string[]) => list.reduce((m, e) => m.set(e, (m.get(e) ?? 0) + 1), new Map<string, number>());
  const sigs = tally(rows.signatures);
  const mails = tally(rows.outbox);
  let missing = 0;
  let doubled = 0;
  for (const email of accepted) {
    if (sigs.get(email) === 1 && mails.get(email) === 1) continue;
    if ((sigs.get(email) ?? 0) === 0 || (mails.get(email) ?? 0) === 0) missing++;
    else doubled++;
  }
  if (missing) problems.push(`${missing} accepted signatures lack their row or mail`);
  if (doubled) problems.push(`${doubled} accepted signatures have more than one row or mail`);
  return problems;
}

async function main() {
  const done = cleanups();
  process.on('SIGINT', () => void done.run().finally(() => process.exit(130)));
  const { composeMail } = await import('../lib/mail/compose-mail');
  const mail = await composeMail({ kind: 'confirm-signature', locale: 'en', title: 'Release the Harbour Street Five', url: MARK, days: 7 });
  try {
    // ---- the app ----
    const appPort = await freePort();
    const appAccepted = new Set<string>();
    let appRows: Rows;
    let appDbLabel: string;
    if (PGLITE) {
      const dir = mkdtempSync(path.join(tmpdir(), 'undersigned-intake-'));
      done.add(async () => rmSync(dir, { recursive: true, force: true }));
      const { openDatabase, migrateDatabase } = await import('../db/client');
      const seed = await openDatabase({ pgliteDir: dir });
      await migrateDatabase(seed);
      await seed.db.execute(
        `with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id) select '${SLUG}', 'Release the Harbour Street Five', 'Text', '["OHCHR"]'::jsonb, 'published', now(), w.id from w` as never,
      );
      await seed.close();
      const app = await startApp(appPort, { DATABASE_URL: '', PGLITE_DIR: dir, MAIL_WORKER, RESEND_API_KEY: 're_bench', RESEND_BASE_URL: 'http://127.0.0.1:9' });
      done.add(app.stop);
      const result = await drive(`http://127.0.0.1:${appPort}`, `/api/v1/campaigns/${SLUG}/signatures`, 'app', appAccepted);
      await app.stop();
      const read = await openDatabase({ pgliteDir: dir });
      const { sql } = await import('drizzle-orm');
      const { resultRows } = await import('../db/client');
      appRows = await openRows({
        signatures: resultRows(await read.db.execute(sql`select campaign_id, pii from signatures`)),
        keys: resultRows(await read.db.execute(sql`select campaign_id, wrapped_key, master_key_id from campaign_keys`)),
        outbox: resultRows(await read.db.execute(sql`select sealed from outbox where kind = 'confirm-signature'`)),
      } as StoredRows);
      await read.close();
      appDbLabel = 'embedded PGlite';
      globalResult.app = result;
    } else {
      const scratch = await scratchDatabase('bench_intake_app');
      done.add(scratch.drop);
      const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
      done.add(() => sql.end());
      await sql`with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id)
        select ${SLUG}, 'Release the Harbour Street Five', 'Text', ${sql.json(['OHCHR'])}, 'published', now(), w.id from w`;
      const app = await startApp(appPort, { DATABASE_URL: scratch.url, MAIL_WORKER, RESEND_API_KEY: 're_bench', RESEND_BASE_URL: 'http://127.0.0.1:9' });
      done.add(app.stop);
      globalResult.app = await drive(`http://127.0.0.1:${appPort}`, `/api/v1/campaigns/${SLUG}/signatures`, 'app', appAccepted);
      await app.stop();
      appRows = await openRows({
        signatures: await sql`select campaign_id, pii from signatures`,
        keys: await sql`select campaign_id, wrapped_key, master_key_id from campaign_keys`,
        outbox: await sql`select sealed from outbox where kind = 'confirm-signature'`,
      } as unknown as StoredRows);
      appDbLabel = 'PostgreSQL (postgres.js, DB_POOL_SIZE 10)';
    }
    const appProblems = check(appAccepted, appRows);

    // ---- the bare baseline: node:http + the same inserts ----
    const basePort = await freePort();
    const baseEnv: Record<string, string> = { BASELINE_MODE: 'intake', PORT: String(basePort), BASELINE_HTML: mail.html, BASELINE_TEXT: mail.text };
    let baseSql: postgres.Sql | undefined;
    if (PGLITE) {
      const dir = mkdtempSync(path.join(tmpdir(), 'undersigned-intake-base-'));
      done.add(async () => rmSync(dir, { recursive: true, force: true }));
      baseEnv.BASELINE_PGLITE_DIR = dir;
    } else {
      const scratch = await scratchDatabase('bench_intake_base');
      done.add(scratch.drop);
      baseSql = postgres(scratch.url, { max: 1, onnotice: () => {} });
      done.add(() => baseSql!.end());
      const [campaign] = await baseSql`with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id)
        select 'baseline', 'Baseline', 'Text', ${baseSql.json(['OHCHR'])}, 'published', now(), w.id from w returning id`;
      baseEnv.DATABASE_URL = scratch.url;
      baseEnv.BASELINE_CAMPAIGN_ID = campaign.id;
    }
    const base = await startChild(['npx', 'tsx', 'bench/baseline-server.ts'], baseEnv, async () => (await fetch(`http://127.0.0.1:${basePort}/health`)).ok);
    done.add(base.stop);
    const baseAccepted = new Set<string>();
    const baseResult = await drive(`http://127.0.0.1:${basePort}`, '/sign', 'base', baseAccepted);
    await base.stop();
    const baseProblems = baseSql
      ? check(baseAccepted, {
          signatures: (await baseSql`select id from signatures`).map((row) => String(row.id)),
          outbox: (await baseSql`select id from outbox where kind = 'confirm-signature'`).map((row) => String(row.id)),
          opened: false,
        })
      : [];

    const app = describeLoad('app     ', globalResult.app!, 'signatures');
    const bare = describeLoad('baseline', baseResult, 'signatures');
    console.log(`\nintake benchmark, ${new Date().toISOString().slice(0, 10)}: ${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up, ${CONNECTIONS} keep-alive connections, distinct emails`);
    console.log(`app: next start (production build), ${appDbLabel}, RATE_LIMITS=off (all load comes from 127.0.0.1), MAIL_WORKER=${MAIL_WORKER}`);
    console.log(`baseline: bare node:http + ${PGLITE ? 'PGlite' : 'postgres.js (pool 10)'}, same transaction (signature, token, outbox row)`);
    console.log(machineLine());
    console.log(app.line);
    console.log(bare.line);
    console.log(`ratio app/baseline: ${(app.rate / bare.rate).toFixed(2)} (throughput), p99 ${(app.p99 / bare.p99).toFixed(2)}x`);
    console.log(`check (app): ${appAccepted.size} answers 202 -> ${appProblems.length ? `FAILED: ${appProblems.join('; ')}` : 'each exactly one signature row and one confirm-signature outbox row'}`);
    if (baseSql) console.log(`check (baseline): ${baseProblems.length ? `FAILED: ${baseProblems.join('; ')}` : 'exact'}`);
    const met = app.rate >= TARGET.rate && app.p99 <= TARGET.p99;
    console.log(`target (${TARGET.text}): ${verdict(met)}`);
    if (appProblems.length) process.exitCode = 1;
  } finally {
    await done.run();
  }
}

const globalResult: { app?: LoadResult } = {};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
