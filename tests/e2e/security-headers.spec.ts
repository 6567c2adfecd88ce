import { randomBytes } from 'node:crypto';
import { expect, test, type Page, type Response } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { createPublishedCampaign, signedInRequest } from './helpers/seed';

/**
 * The Content-Security-Policy in a real browser: every page a signer or an organiser uses loads
 * with a policy that allows no inline script by default, runs its JavaScript (a page whose
 * scripts were blocked would still show its HTML, but would stop doing what only JavaScript does),
 * and causes not one violation.
 */

test.use({ locale: 'en-GB' });

/** Every CSP violation the page reports, from the event and from the console, across navigations. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function scriptSources(response: Response | null): string[] {
  const policy = response?.headers()['content-security-policy'] ?? '';
  const directive = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src'));
  expect(directive, `script-src in "${policy}"`).toBeTruthy();
  return directive!.split(/\s+/).slice(1);
}

/** A page rendered for this request: a nonce, and never 'unsafe-inline'. */
function expectNoncePolicy(response: Response | null) {
  const sources = scriptSources(response);
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources.some((source) => source.startsWith("'nonce-"))).toBe(true);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
}

/** Whether a request to the server was a server action called from JavaScript (not a plain form post). */
const isActionCall = (page: Page) => page.waitForRequest((request) => request.method() === 'POST' && request.headers()['next-action'] !== undefined);

test('the letter page comes from the cache with hashes, and the sign, confirm, verify and dashboard pages run their scripts with no violation', async ({
  page,
  browser,
}) => {
  const violations = await watchViolations(page);
  const { slug, title } = await createPublishedCampaign();

  await test.step('the letter page: served from the cache, its inline scripts allowed by their SHA-256', async () => {
    await page.goto(`/en/c/${slug}`);
    // Reloaded until an answer comes from the cache (the first reader's may be rendered for them).
    let cached: Response | null = null;
    await expect(async () => {
      cached = await page.goto(`/en/c/${slug}`);
      expect(['HIT', 'STALE']).toContain(cached?.headers()['x-nextjs-cache']);
    }).toPass({ timeout: 20_000, intervals: [500] });
    const sources = scriptSources(cached);
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources.some((source) => source.startsWith("'nonce-"))).toBe(false);
    expect(sources.filter((source) => source.startsWith("'sha256-")).length).toBeGreaterThan(0);
    expect(cached!.headers()['x-frame-options']).toBe('DENY');
    // Plain http (this test's server): no HSTS, which would pin localhost to https for a year.
    expect(cached!.headers()['strict-transport-security']).toBeUndefined();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  });

  const email = `csp.${randomBytes(4).toString('hex')}@example.org`;
  const sentAt = Date.now();
  await test.step('signing: the form is sent by JavaScript (a server action call), not as a page post', async () => {
    const response = await page.goto(`/c/${slug}`);
    expect(scriptSources(response)).not.toContain("'unsafe-inline'");
    await page.getByLabel('Given name', { exact: true }).fill('Chiara');
    await page.getByLabel('Family name', { exact: true }).fill('Policy');
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Country', { exact: true }).selectOption('IT');
    await page.getByRole('radio', { name: 'Counted only: my name appears nowhere; I am counted', exact: true }).check();
    await page.getByRole('checkbox', { name: /^I sign this letter/ }).check();
    const call = isActionCall(page);
    await page.getByRole('button', { name: 'Sign the letter' }).click();
    await call;
    await expect(page.locator('#sign').getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  });

  await test.step('the confirm page: a nonce policy, and the button calls its action from JavaScript', async () => {
    const mail = await waitForMail(email, 'Confirm your signature', 15_000, sentAt);
    const link = linksIn(mail.html).find((href) => href.includes('/confirm/'));
    expect(link).toBeTruthy();
    expectNoncePolicy(await page.goto(link!));
    const call = isActionCall(page);
    await page.getByRole('button', { name: 'Confirm my signature' }).click();
    await call;
    await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();
  });

  await test.step('the verify page: the receipt in the address is looked up by its script', async () => {
    const lookup = page.waitForRequest((request) => request.url().endsWith('/api/v1/verify/receipt') && request.method() === 'POST');
    expectNoncePolicy(await page.goto(`/verify#receipt=${'A'.repeat(43)}`));
    await lookup;
    await expect(page.getByText('No delivery includes this receipt yet', { exact: false })).toBeVisible();
  });

  await test.step('the dashboard: hydrated, it follows a link without loading a new document', async () => {
    const api = await signedInRequest();
    const organiser = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
    await api.dispose();
    const dashboard = await organiser.newPage();
    const dashboardViolations = await watchViolations(dashboard);
    expectNoncePolicy(await dashboard.goto('/dashboard'));
    // A mark on this document survives only a navigation made by the client-side router.
    await dashboard.evaluate(() => Object.assign(window, { sameDocument: true }));
    await dashboard.getByRole('link', { name: title }).first().click();
    await expect(dashboard).toHaveURL(new RegExp(`/dashboard/c/${slug}$`));
    await expect(dashboard.getByRole('heading', { level: 1, name: title })).toBeVisible();
    expect(await dashboard.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await organiser.close();
    expect(dashboardViolations).toEqual([]);
  });

  expect(violations).toEqual([]);
});

test('JSON answers forbid everything, and a cross-site mutation with the session cookie is refused with no data', async () => {
  const { slug } = await createPublishedCampaign();
  const organiser = await signedInRequest();
  const list = await organiser.get('/api/v1/campaigns');
  expect(list.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(list.headers()['x-content-type-options']).toBe('nosniff');

  const forged = await organiser.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'closed' }, headers: { origin: 'https://evil.example' } });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toEqual({ error: { code: 'forbidden', message: 'This request can only be sent from this site.' } });
  expect((await (await organiser.get(`/api/v1/campaigns/${slug}`)).json()).campaign.status).toBe('published');

  // The same request from the site itself, or from a client that sends no Origin, goes through.
  const own = await organiser.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'closed' }, headers: { origin: new URL(list.url()).origin } });
  expect(own.status()).toBe(200);
  await organiser.dispose();
});
