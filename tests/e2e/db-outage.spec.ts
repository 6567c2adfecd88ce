import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import {
  createScratchDatabase,
  insertPublishedCampaign,
  loadLoop,
  skipUnlessPostgres,
  startAppProcess,
  type AppProcess,
} from './helpers/app-process';

// The database is taken away from a running app on PostgreSQL (through a TCP forwarder that
// resets every connection, as a stopped server does) while 50 signers keep signing.
test.describe('when PostgreSQL stops under load', () => {
  test.describe.configure({ timeout: 120_000 });
  let proxy: TcpProxy;
  let app: AppProcess;
  let db: { url: string; drop: () => Promise<void> };

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    // Skipped only without a PostgreSQL server, or in CI's PGlite run (it runs in the PostgreSQL one).
    await skipUnlessPostgres();
    db = await createScratchDatabase(`undersigned_e2e_outage_${process.pid}`);
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    app = await startAppProcess({
      port: Number(process.env.E2E_OUTAGE_PORT ?? 3221),
      env: { DATABASE_URL: viaProxy.toString(), MAIL_WORKER: 'in-process', RATE_LIMITS: 'off' },
    });
    await insertPublishedCampaign(db.url, 'outage-letter');
  });

  test.afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await db?.drop();
  });

  test('answers 503 with Retry-After within about 2 s, writes nothing partial, and recovers by itself', async () => {
    const results: { status: number; ms: number; retryAfter: string | null; at: number; phase: string }[] = [];
    const t0 = Date.now();
    let accepted = 0;
    let phase: 'before' | 'down' | 'after' = 'before';
    const sign = async (i: number) => {
      const started = Date.now();
      const response = await fetch(`${app.url}/api/v1/campaigns/outage-letter/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ givenName: 'Ana', familyName: `Signer ${i}`, email: `outage-${i}@example.org`, country: 'FR', visibility: 'public', consent: true }),
      });
      await response.arrayBuffer();
      if (response.status === 202) accepted += 1;
      results.push({ status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after'), at: started - t0, phase });
    };

    const stopAt = Date.now() + 11_000;
    const load = loadLoop(50, () => Date.now() > stopAt, sign);
    await new Promise((r) => setTimeout(r, 2_000));
    phase = 'down';
    await proxy.stop();
    // While it is down: the health check and a dynamic page say so, fast.
    await new Promise((r) => setTimeout(r, 1_500));
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, database: 'unreachable' });
    const page = await fetch(`${app.url}/login`);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    await new Promise((r) => setTimeout(r, 3_500));
    await proxy.start();
    phase = 'after';
    await load;
    expect(phase).toBe('after');

    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    // Only accepted or "try again later": never a 500, never a hang.
    expect([...statuses.keys()].sort()).toEqual([202, 503]);
    for (const r of results.filter((r) => r.status === 503)) expect(r.retryAfter).toBe('5');
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(3_000);

    // Recovered without a restart: signing works again.
    await expect.poll(async () => (await fetch(`${app.url}/api/health`)).status, { timeout: 10_000 }).toBe(200);
    const before = accepted;
    await sign(1_000_000);
    expect(accepted).toBe(before + 1);

    // Every 202 is a signature with its token and confirmation mail, and nothing is half-written.
    // A statement that committed just as the connection was cut was answered 503 (its answer was
    // lost with the connection): at most one per pooled connection, and whole. Its signer, told to
    // try again, gets the same "check your inbox" and a fresh link.
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql`select count(*)::int as n from signatures`;
      const [{ m }] = await sql`select count(*)::int as m from outbox where kind = 'confirm-signature'`;
      const [{ t }] = await sql`select count(*)::int as t from signature_tokens`;
      expect(n).toBeGreaterThanOrEqual(accepted);
      expect(n - accepted).toBeLessThanOrEqual(10);
      expect(m).toBe(n);
      expect(t).toBe(n);
    } finally {
      await sql.end();
    }
    console.log(`outage: ${JSON.stringify(Object.fromEntries(statuses))}, slowest ${Math.max(...results.map((r) => r.ms))} ms, accepted ${accepted}`);
  });
});
