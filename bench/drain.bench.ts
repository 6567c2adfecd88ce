/**
 * Sending the outbox: N rows enqueued straight into a PostgreSQL scratch database, then
 * drainOutbox() (in process, RESEND_API_KEY=re_bench, RESEND_BASE_URL = a fake Resend in a child
 * process) called until everything is sent. Baseline in the same run: the same number of batch
 * POSTs of 100 mails to the same fake with fetch, no database.
 *   npm run bench:drain
 * Knobs: BENCH_MAILS (20000).
 */
import postgres from 'postgres';
import { benchEnv, cleanups, freePort, machineLine, scratchDatabase, startFakeResend, verdict } from './lib';

benchEnv();

const N = Number(process.env.BENCH_MAILS ?? 20_000);
const LIMIT_S = 300; // the drain loop stops by itself
const TARGET = 2_000;

async function main() {
  const done = cleanups();
  try {
    // Before anything reads the environment (it is read once per process).
    const fake = await startFakeResend(await freePort());
    done.add(fake.stop);
    process.env.RESEND_API_KEY = 're_bench';
    process.env.RESEND_BASE_URL = fake.url;
    const scratch = await scratchDatabase('bench_drain');
    done.add(scratch.drop);
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    done.add(() => sql.end());

    // Confirmation mails of the app's size (rendered once; only the link differs).
    const { composeMail } = await import('../lib/mail/compose-mail');
    const mail = await composeMail({ kind: 'confirm-signature', locale: 'en', title: 'Release the Harbour Street Five', url: 'https://undersigned.test/confirm/__LINK__', days: 7 });
    await sql`
      insert into outbox (kind, to_address, from_address, subject, html, text)
      select 'confirm-signature', 'drain' || i || '@example.org', 'Undersigned <letters@undersigned.test>', ${mail.subject},
        replace(${mail.html}, '__LINK__', md5(i::text)), replace(${mail.text}, '__LINK__', md5(i::text))
      from generate_series(1, ${N}) as i`;

    const { openDatabase, setDatabase } = await import('../db/client');
    const handle = await openDatabase({ databaseUrl: scratch.url });
    setDatabase(handle);
    done.add(() => handle.close());
    const { drainOutbox } = await import('../lib/mail/drain-outbox');

    // ---- the app: drainOutbox until nothing is left ----
    let sent = 0;
    let failed = 0;
    let calls = 0;
    let t = performance.now();
    const deadline = t + LIMIT_S * 1000;
    while (performance.now() < deadline) {
      const result = await drainOutbox();
      calls++;
      sent += result.sent;
      failed += result.failed + result.deferred;
      if (result.sent === 0 && result.failed === 0 && result.deferred === 0) break;
    }
    const appSeconds = (performance.now() - t) / 1000;
    const [{ n: leftPending }] = await sql`select count(*)::int as n from outbox where status <> 'sent'`;
    const transports = (await sql`select distinct transport from outbox`).map((r) => r.transport).join(', ');
    const fakeCount = ((await (await fetch(`${fake.url}/_test/count`)).json()) as { count: number }).count;

    // ---- baseline: the same mails, 100 a POST, one after the other, no database ----
    await fetch(`${fake.url}/_test/clear`, { method: 'POST' });
    const batches = Math.ceil(N / 100);
    t = performance.now();
    for (let b = 0; b < batches; b++) {
      const body = Array.from({ length: Math.min(100, N - b * 100) }, (_, i) => ({
        from: 'Undersigned <letters@undersigned.test>',
        to: [`base${b * 100 + i}@example.org`],
        subject: mail.subject,
        html: mail.html.replace('__LINK__', String(b * 100 + i)),
        text: mail.text.replace('__LINK__', String(b * 100 + i)),
      }));
      const reply = await fetch(`${fake.url}/emails/batch`, {
        method: 'POST',
        headers: { authorization: 'Bearer re_bench', 'content-type': 'application/json', 'idempotency-key': `base-${b}` },
        body: JSON.stringify(body),
      });
      if (!reply.ok) throw new Error(`baseline batch ${b}: HTTP ${reply.status}`);
      await reply.arrayBuffer();
    }
    const baseSeconds = (performance.now() - t) / 1000;
    const baseCount = ((await (await fetch(`${fake.url}/_test/count`)).json()) as { count: number }).count;

    const appRate = sent / appSeconds;
    const baseRate = baseCount / baseSeconds;
    console.log(`\ndrain benchmark, ${new Date().toISOString().slice(0, 10)}: ${N.toLocaleString('en')} outbox rows (confirmation mails, ${(mail.html.length / 1024).toFixed(1)} KiB HTML each), PostgreSQL, fake Resend in a child process`);
    console.log(machineLine());
    console.log(`app:      drainOutbox() x ${calls}: ${sent} sent (${failed} failed or deferred) in ${appSeconds.toFixed(2)} s = ${appRate.toFixed(0)} mails/s; transport ${transports}; fake received ${fakeCount}; ${leftPending} rows not sent`);
    console.log(`baseline: ${batches} batch POSTs of 100 with fetch, sequential, no database: ${baseCount} mails in ${baseSeconds.toFixed(2)} s = ${baseRate.toFixed(0)} mails/s`);
    console.log(`ratio app/baseline: ${(appRate / baseRate).toFixed(2)}`);
    console.log(`target (>= ${TARGET.toLocaleString('en')} mails/s): ${verdict(appRate >= TARGET)}`);
    if (sent !== N || leftPending !== 0 || fakeCount !== N) process.exitCode = 1;
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
