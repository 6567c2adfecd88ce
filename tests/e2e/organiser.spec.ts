import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { clearMail, linksIn, waitForMail } from './helpers/mailbox';

/**
 * The organiser's journey: sign in by magic link, write and publish a letter, collect
 * signatures, export them for the addressees; and the people who must see none of it.
 */

const ADMIN = 'admin@undersigned.test';
const SECOND = `second-${randomBytes(3).toString('hex')}@undersigned.test`;
const STRANGER = `stranger-${randomBytes(3).toString('hex')}@undersigned.test`;
const SLUG = `harbour-five-${randomBytes(4).toString('hex')}`;
// Unique per run: other specs publish letters too, and an administrator sees them all.
const TITLE = `Release the Harbour Street Five, case ${SLUG.slice(-8)}`;
const HOSTILE_GIVEN_NAME = '=HYPERLINK("http://x","y")';
const exportUrl = `/api/v1/campaigns/${SLUG}/signatures?format=csv`;

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-GB' });

test.beforeAll(async () => {
  await clearMail();
});

/** Asks for a link at /login and returns the link mailed for it. */
async function requestSignInLink(page: Page, email: string): Promise<string> {
  const since = Date.now();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/login\/check$/);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const mail = await waitForMail(email, 'Your sign-in link', 15_000, since);
  const link = linksIn(mail.html).find((href) => href.includes('/login/verify?'));
  expect(link, 'the sign-in mail links to the verify page').toBeTruthy();
  return link!;
}

async function signIn(page: Page, email: string): Promise<void> {
  const link = await requestSignInLink(page, email);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A member of the public signs through the letter's page and confirms from the mail. */
async function signAndConfirm(
  browser: Browser,
  signer: { givenName: string; familyName: string; email: string; country: string; title?: string; counted?: boolean },
): Promise<void> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const since = Date.now();
  await page.goto(`/c/${SLUG}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await page.getByLabel(/given name/i).fill(signer.givenName);
  await page.getByLabel(/family name/i).fill(signer.familyName);
  await page.getByLabel(/^email/i).fill(signer.email);
  await page.getByLabel(/^country/i).selectOption(signer.country);
  if (signer.title) await page.getByLabel(/title or affiliation/i).fill(signer.title);
  await page.getByLabel(signer.counted ? /^counted only/i : /^public:/i).check();
  await page.getByRole('checkbox', { name: /I sign this letter/i }).check();
  await page.getByRole('button', { name: /^sign( the letter)?$/i }).click();
  await expect(page.getByRole('heading', { name: /check your inbox/i })).toBeVisible();

  const mail = await waitForMail(signer.email, 'Confirm your signature', 15_000, since);
  const confirm = linksIn(mail.html).find((href) => href.includes('/confirm/'));
  expect(confirm, 'the confirmation mail links to /confirm/<token>').toBeTruthy();
  await page.goto(confirm!);
  await page.getByRole('button', { name: /confirm/i }).click();
  await expect(page.getByRole('heading', { name: /signature is confirmed/i })).toBeVisible();
  await context.close();
}

/** RFC 4180 rows, enough to read our export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test('an administrator signs in, publishes a letter and exports its confirmed signatories', async ({
  page,
  browser,
}) => {
  await test.step('the mailed link opens a page that does not sign in by itself', async () => {
    const link = await requestSignInLink(page, ADMIN);
    await page.goto(link);
    await expect(page.getByText(`You are about to sign in as ${ADMIN}`)).toBeVisible();
    // A mail scanner's GET must not spend the token or open a session.
    expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Signed in as ${ADMIN}`)).toBeVisible();

    // The same link is single-use.
    const other = await browser.newContext({ locale: 'en-GB' });
    const reuse = await other.newPage();
    await reuse.goto(link);
    await reuse.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(reuse).toHaveURL(/\/login\/error\?error=Verification/);
    await expect(reuse.getByText(/already been used or has expired/)).toBeVisible();
    await other.close();
  });

  await test.step('creates a draft, with field errors first and the typed text kept', async () => {
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('Web address (slug)').fill('Not A Slug!');
    await page
      .getByLabel('Letter', { exact: true })
      .fill('Excellency,\n\nWe write about **five journalists** held without charge.');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Some fields need attention' })).toBeVisible();
    await expect(page.getByText('Name at least one addressee.').first()).toBeVisible();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue(TITLE);

    await page.getByLabel('Web address (slug)').fill(SLUG);
    await page.getByLabel('Summary').fill('Five journalists held without charge since September.');
    await page.getByRole('group', { name: 'Addressee 1' }).getByLabel('Name', { exact: true }).fill('UN High Commissioner for Human Rights');
    await page.getByRole('group', { name: 'Addressee 2' }).getByLabel('Name', { exact: true }).fill('UN Working Group on Arbitrary Detention');
    await page.getByLabel('Demands').fill('Release the five\nDrop all charges');
    await page.getByLabel('Organised by').fill('Coalition for Press Freedom');
    await page.getByLabel('Signature goal').fill('100');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/c/${SLUG}$`));
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.locator('.badge', { hasText: 'Draft' })).toBeVisible();
  });

  await test.step('publishes it', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.locator('.badge', { hasText: 'Published' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close' })).toBeVisible();
  });

  await test.step('people sign and confirm on the public page', async () => {
    await signAndConfirm(browser, {
      givenName: 'Ana',
      familyName: 'Velez',
      email: `ana-${randomBytes(3).toString('hex')}@example.org`,
      country: 'FR',
      title: 'Professor of international law, University of Geneva',
    });
    await signAndConfirm(browser, {
      givenName: HOSTILE_GIVEN_NAME,
      familyName: 'Hostile',
      email: `hostile-${randomBytes(3).toString('hex')}@example.org`,
      country: 'BE',
    });
    await signAndConfirm(browser, {
      givenName: 'Quiet',
      familyName: 'Witness',
      email: `quiet-${randomBytes(3).toString('hex')}@example.org`,
      country: 'IR',
      counted: true,
    });
  });

  await test.step('the organiser sees the signatures, and can search them', async () => {
    await page.goto(`/dashboard/c/${SLUG}`);
    await expect(page.getByText('3 signatures')).toBeVisible();
    const table = page.getByRole('region', { name: 'Signatures' }).getByRole('table');
    await expect(table.getByRole('row', { name: /Ana Velez/ })).toContainText('Named publicly');
    await expect(table.getByRole('row', { name: /Quiet Witness/ })).toContainText('Counted, not named');
    await page.getByLabel('Search by name').fill('velez');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page).toHaveURL(/q=velez/);
    await expect(page.getByText('1 signature', { exact: true })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);

    await page.goto('/dashboard');
    await expect(page.getByRole('row', { name: new RegExp(TITLE) })).toContainText('Published');
  });

  await test.step('downloads the CSV for the addressees', async () => {
    await page.goto(`/dashboard/c/${SLUG}`);
    await expect(page.getByRole('button', { name: 'Signatories (CSV)' })).toBeVisible();
    await expect(page.getByText(/“counted only” signers are a numbered line with the name withheld/)).toBeVisible();

    const response = await page.request.get(exportUrl);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const bytes = await response.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = parseCsv(text);
    expect(header.slice(0, 2)).toEqual(['No.', 'Name']);
    expect(rows).toHaveLength(3);

    const column = (name: string) => header.indexOf(name);
    const ana = rows.find((row) => row[1] === 'Ana Velez');
    expect(ana).toBeDefined();
    expect(ana![column('Title')]).toBe('Professor of international law, University of Geneva');
    expect([ana![column('Country')], ana![column('Country code')]]).toEqual(['France', 'FR']);
    expect(ana![column('Date confirmed (UTC)')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // A spreadsheet must read the hostile name as text, never as a formula.
    expect(rows.map((row) => row[1])).toContain(`'${HOSTILE_GIVEN_NAME} Hostile`);
    expect(rows.some((row) => row.some((cell) => /^[=+\-@]/.test(cell)))).toBe(false);

    // Whoever asked to be counted only is counted, not named.
    expect(text).not.toContain('Quiet');
    expect(text).not.toContain('Witness');
    expect(rows.filter((row) => /withheld/i.test(row[1]))).toHaveLength(1);
    expect(text).not.toContain('@example.org');
  });
});

test('another organiser and strangers cannot reach the campaign', async ({ page, browser }) => {
  await test.step('the administrator invites a second organiser', async () => {
    await signIn(page, ADMIN);
    const since = Date.now();
    await page.getByRole('link', { name: 'Organisers' }).click();
    await page.getByLabel('Email address').fill(SECOND);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('status')).toContainText(`${SECOND} has been invited`);
    await expect(page.getByRole('cell', { name: SECOND })).toBeVisible();
    await waitForMail(SECOND, 'You are invited', 15_000, since);
  });

  await test.step('the second organiser signs in but gets a 404 for a campaign that is not theirs', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const second = await context.newPage();
    await signIn(second, SECOND);
    await expect(second.getByText('You have no campaigns yet')).toBeVisible();
    await expect(second.getByRole('link', { name: 'Organisers' })).toHaveCount(0);

    for (const path of [`/dashboard/c/${SLUG}`, `/dashboard/c/${SLUG}/edit`, '/dashboard/organisers']) {
      const response = await second.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(second.getByText(TITLE)).toHaveCount(0);
    }
    expect((await second.request.get(exportUrl)).status()).toBe(404);
    expect((await second.request.get(`/api/v1/campaigns/${SLUG}/signatures`)).status()).toBe(404);
    await context.close();
  });

  await test.step('a visitor who is not signed in is sent to sign in, and the API answers 401', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const stranger = await context.newPage();
    await stranger.goto(`/dashboard/c/${SLUG}`);
    await expect(stranger).toHaveURL(/\/login$/);
    await stranger.goto('/dashboard');
    await expect(stranger).toHaveURL(/\/login$/);
    expect((await stranger.request.get(exportUrl)).status()).toBe(401);
    expect((await stranger.request.get(`/api/v1/campaigns/${SLUG}/signatures`)).status()).toBe(401);
    await context.close();
  });

  await test.step('an address that was never invited gets the same answer, a "no access" mail and no session', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const stranger = await context.newPage();
    const since = Date.now();
    await stranger.goto('/login');
    await stranger.getByLabel('Email address').fill(STRANGER);
    await stranger.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(stranger).toHaveURL(/\/login\/check$/);
    await expect(stranger.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

    const mail = await waitForMail(STRANGER, 'Sign-in to Undersigned', 15_000, since);
    expect(mail.text + mail.html).toMatch(/no organiser account/i);
    const links = linksIn(mail.html);
    expect(links.some((href) => href.includes('/login/verify') || href.includes('/api/auth/callback'))).toBe(false);

    expect(await (await stranger.request.get('/api/auth/session')).json()).toBeNull();
    await stranger.goto('/dashboard');
    await expect(stranger).toHaveURL(/\/login$/);
    await context.close();
  });
});
