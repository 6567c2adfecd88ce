import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import {
  createScratchDatabase,
  FAKE_RESEND_URL,
  insertPublishedCampaign,
  loadLoop,
  skipUnlessPostgres,
  startAppProcess,
  type AppProcess,
} from './helpers/app-process';

const SIGNERS = Number(process.env.E2E_SCALE_SIGNERS ?? 10_000);

// `npm run start:cluster`: three web processes and one background worker on one PostgreSQL.
// All load comes from one address here, so the abuse limits are off (RATE_LIMITS=off).
test.describe('three app processes and a worker on one PostgreSQL', () => {
  test.describe.configure({ timeout: 300_000 });
  let cluster: AppProcess & { ports: number[] };
  let db: { url: string; drop: () => Promise<void> };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // Skipped only without a PostgreSQL server, or in CI's PGlite run (it runs in the PostgreSQL one).
    await skipUnlessPostgres();
    db = await createScratchDatabase(`undersigned_e2e_cluster_${process.pid}`);
    cluster = await startAppProcess({
      port: Number(process.env.E2E_CLUSTER_PORT ?? 3230),
      cluster: 3,
      env: { DATABASE_URL: db.url, RATE_LIMITS: 'off', DB_POOL_SIZE: '8' },
    });
    await insertPublishedCampaign(db.url, 'cluster-letter');
  });

  test.afterAll(async () => {
    await cluster?.stop();
    await db?.drop();
  });

  test(`${SIGNERS.toLocaleString('en')} signatures across the three: exactly that many rows, mails and counted confirmations`, async () => {
    const run = `c${Date.now().toString(36)}`;
    const email = (i: number) => `${run}-${i}@example.org`;
    const portOf = (i: number) => cluster.ports[i % cluster.ports.length];
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    let next = 0;
    await loadLoop(48, () => next >= SIGNERS, async () => {
      const i = next++;
      if (i >= SIGNERS) return;
      const response = await fetch(`http://localhost:${portOf(i)}/api/v1/campaigns/cluster-letter/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ givenName: 'Ana', familyName: `Signer ${i}`, email: email(i), country: i % 2 ? 'FR' : 'KE', visibility: 'public', consent: true }),
      });
      await response.arrayBuffer();
      count(response.status);
    });
    const problems = cluster.output().split('\n').filter((line) => / (error|warn) /.test(line));
    if (problems.length) console.log(problems.slice(0, 20).join('\n'));
    expect(Object.fromEntries(statuses)).toEqual({ 202: SIGNERS });

    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql`select count(*)::int as n from signatures`;
      expect(n).toBe(SIGNERS);

      // The worker sends each confirmation mail once, whatever process took the signature.
      await expect
        .poll(async () => (await (await fetch(`${FAKE_RESEND_URL}/_test/count?to=${run}-`)).json()).count, { timeout: 120_000, intervals: [1_000] })
        .toBe(SIGNERS);
      const mails = (await (await fetch(`${FAKE_RESEND_URL}/_test/emails?to=${run}-`)).json()) as { to: string[]; html: string }[];
      expect(new Set(mails.map((m) => m.to[0])).size).toBe(SIGNERS);
      const [{ sent }] = await sql`select count(*)::int as sent from outbox where status = 'sent'`;
      expect(sent).toBe(SIGNERS);

      // Every signer confirms, through all three processes; the count rolls up exactly.
      const tokens = mails.map((m) => m.html.match(/\/confirm\/([A-Za-z0-9_-]{43})/)![1]);
      let k = 0;
      const confirmed = new Map<number, number>();
      await loadLoop(48, () => k >= tokens.length, async () => {
        const i = k++;
        if (i >= tokens.length) return;
        const response = await fetch(`http://localhost:${portOf(i + 1)}/api/v1/confirmations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: tokens[i] }),
        });
        await response.arrayBuffer();
        confirmed.set(response.status, (confirmed.get(response.status) ?? 0) + 1);
      });
      expect(Object.fromEntries(confirmed)).toEqual({ 200: SIGNERS });
      await expect
        .poll(async () => (await (await fetch(`http://localhost:${cluster.ports[2]}/api/v1/campaigns/cluster-letter`)).json()).campaign.signatureCount, {
          timeout: 15_000,
        })
        .toBe(SIGNERS);
      const [{ stored }] = await sql`select coalesce(sum(count), 0)::int as stored from campaign_counts`;
      const [{ kenya }] = await sql`select count::int as kenya from campaign_counts where country = 'KE'`;
      expect(stored).toBe(SIGNERS);
      expect(kenya).toBe(Math.ceil(SIGNERS / 2));
    } finally {
      await sql.end();
    }
  });
});
