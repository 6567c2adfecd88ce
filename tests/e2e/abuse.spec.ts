import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FAKE_RESEND_URL, startAppProcess, type AppProcess } from './helpers/app-process';

// The abuse limits as they are by default, on an app of their own (the other journeys run
// with RATE_LIMITS=off, since all of them come from one address). Clients are told apart by
// X-Forwarded-For, as behind a proxy (TRUSTED_PROXY_HOPS=1).
test.describe('abuse limits, on by default', () => {
  test.describe.configure({ timeout: 120_000 });
  let app: AppProcess;
  let dir: string;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    dir = mkdtempSync(path.join(tmpdir(), 'undersigned-abuse-'));
    app = await startAppProcess({
      port: Number(process.env.E2E_ABUSE_PORT ?? 3222),
      env: { DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite'), TRUSTED_PROXY_HOPS: '1', SEED_DEMO: 'true', MAIL_WORKER: 'in-process' },
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const demo = 'free-the-harbour-street-five';
  const sign = (email: string, client: string) =>
    fetch(`${app.url}/api/v1/campaigns/${demo}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.99, ${client}` },
      body: JSON.stringify({ givenName: 'Ana', familyName: 'Velez', email, country: 'FR', visibility: 'public', consent: true }),
    });
  const tokenFor = async (email: string) => {
    for (let i = 0; i < 50; i++) {
      const mails = (await (await fetch(`${FAKE_RESEND_URL}/_test/emails?to=${encodeURIComponent(email)}`)).json()) as { html: string }[];
      const match = mails.at(-1)?.html.match(/\/confirm\/([A-Za-z0-9_-]{43})/);
      if (match) return match[1];
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no confirmation mail for ${email}`);
  };
  const count = async () => (await (await fetch(`${app.url}/api/v1/campaigns/${demo}`)).json()).campaign.signatureCount as number;

  test('the sixth signature from one address within a minute is answered and mailed as usual, but not counted', async () => {
    const run = Date.now().toString(36);
    // The demo letter's own signatures are counted by the first roll-ups after start: wait for them.
    let before = await count();
    for (let settled = false; !settled; ) {
      await new Promise((r) => setTimeout(r, 1_500));
      const now = await count();
      settled = now === before;
      before = now;
    }
    // Windows are fixed minutes: start well inside one, so the six fall in the same one.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoWindow));
    const client = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const emails = Array.from({ length: 6 }, (_, i) => `abuse-${run}-${i}@example.org`);
    for (const email of emails) expect((await sign(email, client)).status).toBe(202);
    // Each confirms from an address of its own, as people do.
    for (const [i, email] of emails.entries()) {
      const response = await fetch(`${app.url}/api/v1/confirmations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i + 10}` },
        body: JSON.stringify({ token: await tokenFor(email) }),
      });
      expect(response.status).toBe(200);
    }
    await expect.poll(count, { timeout: 10_000 }).toBe(before + 5);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await count()).toBe(before + 5);
  });

  test('too many confirmation attempts from one address get a 429 with Retry-After that names nobody', async () => {
    const client = '192.0.2.200';
    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const response = await fetch(`${app.url}/api/v1/confirmations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ token: 'A'.repeat(43) }),
      });
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(404);
    }
    expect(refused, 'a 429 within 40 attempts').toBeTruthy();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused!.json()).toEqual({
      error: { code: 'rate_limited', message: 'Too many attempts from your connection; please wait and try again' },
    });
  });

  test('withdrawal requests from one address: a 429 after ten in ten minutes', async () => {
    const client = '192.0.2.201';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await fetch(`${app.url}/api/v1/campaigns/${demo}/withdrawals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ email: `someone-${i}@example.org` }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
  });
});
