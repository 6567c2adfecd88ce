/**
 * Confirmations over HTTP: N signatures taken through the API of `next start` (PostgreSQL), their
 * tokens read from the mails the fake Resend received, then every token confirmed through
 * POST /api/v1/confirmations; then how long until GET /api/v1/campaigns/{slug} shows N.
 * Baseline in the same run: bare node:http + postgres.js doing the token lookup and the
 * conditional update (pending -> confirmed) with its count delta.
 *   npm run bench:confirm
 * Knobs: BENCH_SIGNERS (5000), BENCH_CONNECTIONS (50).
 */
import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { benchEnv, cleanups, client, describeLoad, freePort, machineLine, runLoad, scratchDatabase, startApp, startChild, startFakeResend, verdict } from './lib';

benchEnv();

const N = Number(process.env.BENCH_SIGNERS ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SLUG = 'confirm-bench';
const COUNT_TARGET_S = 5;
const LIMIT_S = 300; // every loop stops by itself

async function waitFor(label: string, seconds: number, test: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await test()) return (performance.now() - start) / 1000;
    if (performance.now() - start > seconds * 1000) throw new Error(`${label}: not reached within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const done = cleanups();
  process.on('SIGINT', () => void done.run().finally(() => process.exit(130)));
  try {
    const scratch = await scratchDatabase('bench_confirm_app');
    done.add(scratch.drop);
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    done.add(() => sql.end());
    await sql`with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id)
      select ${SLUG}, 'Release the Harbour Street Five', 'Text', ${sql.json(['OHCHR'])}, 'published', now(), w.id from w`;
    const fake = await startFakeResend(await freePort());
    done.add(fake.stop);
    const port = await freePort();
    const app = await startApp(port, { DATABASE_URL: scratch.url, MAIL_WORKER: 'in-process', RESEND_API_KEY: 're_bench', RESEND_BASE_URL: fake.url });
    done.add(app.stop);
    const http = client(`http://127.0.0.1:${port}`, CONNECTIONS);

    // 1. N signatures through the API (not measured here: see bench:intake).
    const signed = await runLoad({
      connections: CONNECTIONS,
      seconds: LIMIT_S,
      count: N,
      request: (i) => http.send('POST', `/api/v1/campaigns/${SLUG}/signatures`, { givenName: 'Bench', familyName: `Signer ${i}`, email: `confirm${i}@example.org`, country: 'FR', visibility: i % 10 ? 'public' : 'counted', consent: true }),
      ok: (r) => r.status === 202,
    });
    if (signed.ok !== N) throw new Error(`only ${signed.ok} of ${N} signatures accepted: ${[...signed.errors].join('; ')}`);
    const mailSeconds = await waitFor('all confirmation mails at the fake Resend', LIMIT_S, async () => ((await (await fetch(`${fake.url}/_test/count`)).json()) as { count: number }).count >= N);
    const mails = (await (await fetch(`${fake.url}/_test/emails`)).json()) as { text?: string; html?: string }[];
    const tokens = [...new Set(mails.map((m) => (m.text ?? m.html ?? '').match(/\/confirm\/([A-Za-z0-9_-]{43})/)?.[1]).filter((t): t is string => !!t))];
    if (tokens.length !== N) throw new Error(`found ${tokens.length} tokens in ${mails.length} mails, expected ${N}`);

    // 2. Every token confirmed once, 50 at a time.
    const confirmed = await runLoad({
      connections: CONNECTIONS,
      seconds: LIMIT_S,
      count: tokens.length,
      request: (i) => http.send('POST', '/api/v1/confirmations', { token: tokens[i] }),
      ok: (r) => r.status === 200 && r.body.includes('"confirmed"'),
    });
    // 3. Until the public count shows them all.
    let shown = 0;
    const countSeconds = await waitFor('signatureCount = N', 60, async () => {
      const reply = await http.send('GET', `/api/v1/campaigns/${SLUG}`);
      shown = (JSON.parse(reply.body) as { campaign: { signatureCount: number } }).campaign.signatureCount;
      return shown === N;
    }).catch((error: Error) => {
      console.error(`${error.message} (last seen ${shown})`);
      return Infinity;
    });
    http.close();
    await app.stop();
    await fake.stop();
    const [{ n: confirmedRows }] = await sql`select count(*)::int as n from signatures where status = 'confirmed'`;

    // 4. Baseline: the same number of pending signatures with known tokens, confirmed by the bare server.
    const base = await scratchDatabase('bench_confirm_base');
    done.add(base.drop);
    const bsql = postgres(base.url, { max: 1, onnotice: () => {} });
    done.add(() => bsql.end());
    const [campaign] = await bsql`with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id)
      select 'baseline', 'Baseline', 'Text', ${bsql.json(['OHCHR'])}, 'published', now(), w.id from w returning id`;
    const baseTokens = Array.from({ length: N }, () => randomBytes(32).toString('base64url'));
    const hashes = baseTokens.map((t) => createHash('sha256').update(t).digest('hex'));
    await bsql`
      with s as (
        insert into signatures (campaign_id, pii, email_index, country, visibility, consent_version, consent_locale, consented_at)
        select ${campaign.id}, sha256(convert_to('base' || i, 'UTF8')), 'base' || i, 'FR',
          (case when i % 10 = 0 then 'counted' else 'public' end)::signature_visibility, 'bench', 'en', now()
        from generate_series(1, ${N}) as i
        returning id, email_index)
      insert into signature_tokens (token_hash, signature_id, expires_at)
      select h.hash, s.id, now() + interval '7 days'
      from s join unnest(${hashes}::text[]) with ordinality as h(hash, i) on s.email_index = 'base' || h.i`;
    const basePort = await freePort();
    const server = await startChild(['npx', 'tsx', 'bench/baseline-server.ts'], { BASELINE_MODE: 'confirm', PORT: String(basePort), DATABASE_URL: base.url }, async () => (await fetch(`http://127.0.0.1:${basePort}/health`)).ok);
    done.add(server.stop);
    const bhttp = client(`http://127.0.0.1:${basePort}`, CONNECTIONS);
    const baseResult = await runLoad({
      connections: CONNECTIONS,
      seconds: LIMIT_S,
      count: N,
      request: (i) => bhttp.send('POST', '/confirm', { token: baseTokens[i] }),
      ok: (r) => r.status === 200,
    });
    bhttp.close();
    await server.stop();
    const [{ n: baseConfirmed }] = await bsql`select count(*)::int as n from signatures where status = 'confirmed'`;

    const a = describeLoad('app     ', confirmed, 'confirmations');
    const b = describeLoad('baseline', baseResult, 'confirmations');
    console.log(`\nconfirm benchmark, ${new Date().toISOString().slice(0, 10)}: ${N} signatures, ${CONNECTIONS} keep-alive connections`);
    console.log(`app: next start (production build), PostgreSQL (postgres.js, DB_POOL_SIZE 10), RATE_LIMITS=off (all load comes from 127.0.0.1), mail worker in-process to a fake Resend`);
    console.log(`setup: ${N} signed in ${signed.seconds.toFixed(1)} s through the API; all mails at the fake Resend ${mailSeconds.toFixed(1)} s later`);
    console.log(machineLine());
    console.log(a.line);
    console.log(b.line);
    console.log(`ratio app/baseline: ${(a.rate / b.rate).toFixed(2)} (throughput), p99 ${(a.p99 / b.p99).toFixed(2)}x`);
    console.log(`confirmed rows: app ${confirmedRows}/${N}, baseline ${baseConfirmed}/${N}`);
    console.log(`public signatureCount = ${N} ${Number.isFinite(countSeconds) ? `${countSeconds.toFixed(2)} s after the last confirmation` : 'NOT reached within 60 s'}; target <= ${COUNT_TARGET_S} s: ${verdict(countSeconds <= COUNT_TARGET_S)}`);
    if (confirmedRows !== N || !Number.isFinite(countSeconds)) process.exitCode = 1;
  } finally {
    await done.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
