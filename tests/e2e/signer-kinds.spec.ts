import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { extractText, getDocumentProxy } from 'unpdf';
import { createPublishedCampaign, signedInRequest } from './helpers/seed';

/** Signing as a notable person (with JavaScript) and for an organisation (without), each confirmed by email. */

test.use({ locale: 'en-GB' });

const unique = () => randomBytes(4).toString('hex');
const ALL_KINDS = { signerKinds: ['individual', 'notable', 'organisation', 'group'] };
const count = (page: Page) => page.getByTestId('signature-count');

async function confirmFromMail(page: Page, email: string, since: number, expectedLine: string, alsoShown: string[] = []) {
  const mail = await waitForMail(email, 'Confirm your signature', 15_000, since);
  const link = linksIn(mail.html).find((href) => href.includes('/confirm/'));
  if (!link) throw new Error(`no confirmation link in the mail "${mail.subject}"`);
  await page.goto(link);
  await expect(page.getByTestId('confirm-signature-line')).toHaveText(expectedLine);
  await expect(page.getByText('The organisers check the entries of notable people and organisations before showing them.')).toBeVisible();
  for (const text of alsoShown) await expect(page.getByText(text)).toBeVisible();
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();
}

/** The letter page is cached and rendered again every few seconds: reload until it shows what was confirmed. */
async function expectOnLetterSoon(page: Page, slug: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(`/c/${slug}`);
    await check();
  }).toPass({ timeout: 20_000, intervals: [1_000] });
}

test('a notable person signs with their title, is counted but not named before review, then approved and delivered in the PDF', async ({ page, browser }) => {
  const { slug } = await createPublishedCampaign(ALL_KINDS);
  const id = unique();
  const email = `jane.${id}@example.org`;
  await page.goto(`/c/${slug}`);

  // With JavaScript only the chosen kind's fields show.
  await page.getByRole('radio', { name: 'A notable person, with my title', exact: true }).check();
  await expect(page.getByLabel('Name of the organisation')).toBeHidden();
  await expect(page.getByLabel('Number of people')).toBeHidden();
  await expect(page.getByLabel('Title or affiliation (optional)')).toBeHidden();

  await page.getByLabel('Honorific (optional)').fill('Prof.');
  await page.getByLabel('Given name', { exact: true }).fill('Jane');
  await page.getByLabel('Family name', { exact: true }).fill(`Doe-${id}`);
  await page.getByLabel('Title or former title (optional)').fill('Former UN Special Rapporteur on freedom of expression');
  await page.getByLabel('Affiliation (optional)', { exact: true }).fill('University of Geneva');
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('CH');
  await page.getByRole('radio', { name: 'Public: my name may appear on this page and in the letter', exact: true }).check();
  await expect(page.getByText('the organisers check your entry before your name is shown')).toBeVisible();
  await page.getByRole('checkbox', { name: /^I sign this letter/ }).check();

  const since = Date.now();
  await page.getByRole('button', { name: 'Sign the letter' }).click();
  await expect(page.locator('#sign').getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  await confirmFromMail(page, email, since, `Prof. Jane Doe-${id}, Former UN Special Rapporteur on freedom of expression, University of Geneva, Switzerland`);

  await expectOnLetterSoon(page, slug, () => expect(count(page)).toHaveText('1', { timeout: 1_000 }));
  await expect(page.locator('body')).not.toContainText(`Doe-${id}`);
  const before = await (await page.request.get(`/api/v1/campaigns/${slug}`)).text();
  expect(before).not.toContain(`Doe-${id}`);

  // An organiser checks the entry, corrects the spelling of the title, and approves it.
  const api = await signedInRequest();
  const organiser = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
  await api.dispose();
  const dashboard = await organiser.newPage();
  await dashboard.goto(`/dashboard/c/${slug}`);
  const item = dashboard.getByTestId('review-item').filter({ hasText: `Doe-${id}` });
  await item.getByLabel('Title or former title').fill('Former UN Special Rapporteur on freedom of opinion and expression (2008–2014)');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(dashboard.getByTestId('review-empty')).toBeVisible();

  await expectOnLetterSoon(page, slug, () => expect(page.getByText(`Prof. Jane Doe-${id}`)).toBeVisible({ timeout: 1_000 }));

  const pdf = await dashboard.request.get(`/api/v1/campaigns/${slug}/exports/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(new RegExp(`attachment; filename="${slug}-letter-v1-\\d{4}-\\d{2}-\\d{2}\\.pdf"`));
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), { mergePages: true });
  expect(text).toContain('Notable signatories');
  // The line wraps in the annex: each printed line is checked, in order.
  const flat = text.replace(/\s+/g, ' ');
  const first = flat.indexOf(`Prof. Jane Doe-${id}, Former UN Special Rapporteur on freedom of opinion and expression (2008–2014),`);
  expect(first).toBeGreaterThan(flat.indexOf('Notable signatories'));
  expect(flat.indexOf('University of Geneva, Switzerland', first)).toBeGreaterThan(first);
  expect(text).toMatch(/Page 1 of \d+/);
  await organiser.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an organisation signs: errors at its fields first, then confirms by email', async ({ page }) => {
    const { slug } = await createPublishedCampaign(ALL_KINDS);
    const id = unique();
    const email = `contact.${id}@example.org`;
    const name = `Centre for Civil Rights ${id}`;
    await page.goto(`/c/${slug}`);

    // Every kind's fields are there, each marked for its kind.
    await expect(page.getByLabel('Honorific (optional)')).toBeVisible();
    await expect(page.getByLabel('Number of people')).toBeVisible();
    await expect(page.getByText('Only if you sign on behalf of an organisation.')).toBeVisible();

    await page.getByRole('radio', { name: 'On behalf of an organisation', exact: true }).check();
    await page.getByLabel('Website of the organisation (optional)').fill('civilrights.example.org');
    await page.getByLabel('Given name', { exact: true }).fill('Lena');
    await page.getByRole('button', { name: 'Sign the letter' }).click();

    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Enter the name of the organisation' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Choose the country of the organisation' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Choose the organisation’s ECOSOC status, or “None”' })).toBeVisible();
    await expect(page.getByLabel('Name of the organisation')).toHaveAttribute('aria-invalid', 'true');
    // What was typed is still there, and the kind is still picked.
    await expect(page.getByLabel('Website of the organisation (optional)')).toHaveValue('civilrights.example.org');
    await expect(page.getByRole('radio', { name: 'On behalf of an organisation', exact: true })).toBeChecked();

    await page.getByLabel('Name of the organisation').fill(name);
    await page.getByLabel('Country of the organisation').selectOption('CH');
    await page.getByRole('radio', { name: 'Special', exact: true }).check();
    await page.getByLabel('Family name', { exact: true }).fill(`Meier-${id}`);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByRole('radio', { name: 'Public: my name may appear on this page and in the letter', exact: true }).check();
    await page.getByRole('checkbox', { name: /^I sign this letter/ }).check();
    const since = Date.now();
    await page.getByRole('button', { name: 'Sign the letter' }).click();
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();

    await confirmFromMail(page, email, since, `${name}, Switzerland`, [
      `Signed on behalf of the organisation by Lena Meier-${id}, its contact person.`,
      'ECOSOC consultative status: special',
    ]);

    await expectOnLetterSoon(page, slug, () => expect(count(page)).toHaveText('1', { timeout: 1_000 }));
    // Awaiting review: counted, not named.
    await expect(page.locator('body')).not.toContainText(name);
  });
});

test('a call to action is presented as one, without an addressee block', async ({ page }) => {
  const { slug } = await createPublishedCampaign({ kind: 'call', addressees: [] });
  await page.goto(`/c/${slug}`);
  await expect(page.getByTestId('document-kind')).toHaveText('Call to action');
  await expect(page.getByRole('button', { name: 'Sign the call' })).toBeVisible();
  await expect(page.locator('#addressees-heading')).toHaveCount(0);
});
