import { randomBytes } from 'node:crypto';
import { expect, request, test } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { BASE_URL, createPublishedCampaign } from './helpers/seed';

/** Someone who signed changes their mind: withdrawing must be as easy as signing. */

test.use({ locale: 'en-GB' });

test('a signer withdraws from the letter page; the link shows a page, the button erases', async ({ page }) => {
  const { slug } = await createPublishedCampaign();
  const email = `withdraw-${randomBytes(4).toString('hex')}@example.org`;
  const name = `Withdrawn${randomBytes(2).toString('hex')}`;

  // Sign and confirm through the API, so this spec is about withdrawing.
  const api = await request.newContext({ baseURL: BASE_URL });
  const since = Date.now();
  const signed = await api.post(`/api/v1/campaigns/${slug}/signatures`, {
    data: { givenName: name, familyName: 'Signer', email, country: 'FR', consent: true, visibility: 'public' },
  });
  expect(signed.status()).toBe(202);
  const confirmMail = await waitForMail(email, 'Confirm your signature', 15_000, since);
  await page.goto(linksIn(confirmMail.html).find((l) => l.includes('/confirm/'))!);
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();
  // The letter page is cached and rendered again every few seconds.
  await expect(async () => {
    await page.goto(`/c/${slug}`);
    await expect(page.getByTestId('signature-count')).toHaveText('1', { timeout: 1_000 });
    await expect(page.getByText(name)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });

  // Ask for a link from the letter page.
  await page.getByRole('link', { name: 'Withdraw your signature' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/withdraw$`));
  await page.getByRole('button', { name: 'Email me a withdrawal link' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  const asked = Date.now();
  await page.getByLabel('Email address').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Email me a withdrawal link' }).click();
  await expect(page.getByRole('status')).toContainText('If this address signed the letter');

  const mail = await waitForMail(email, 'Withdraw your signature', 15_000, asked);
  expect(mail.text).toMatch(/\/withdraw\/[A-Za-z0-9_-]{43}/);
  const link = linksIn(mail.html).find((l) => l.includes('/withdraw/'))!;

  // Opening the link (as a mail scanner would) changes nothing.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Withdraw your signature?' })).toBeVisible();
  expect((await (await api.get(`/api/v1/campaigns/${slug}`)).json()).campaign.signatureCount).toBe(1);

  await page.getByRole('button', { name: 'Withdraw my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Your signature is withdrawn' })).toBeVisible();
  // Counts are rolled up in the background every second.
  await expect.poll(async () => (await (await api.get(`/api/v1/campaigns/${slug}`)).json()).campaign.signatureCount, { timeout: 5_000 }).toBe(0);
  await expect(async () => {
    await page.goto(`/c/${slug}`);
    await expect(page.getByText(name)).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });

  // The used link is spent.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  await api.dispose();
});

test('asking to withdraw an address that never signed gets the same answer and no mail', async ({ page }) => {
  const { slug } = await createPublishedCampaign();
  const email = `never-${randomBytes(4).toString('hex')}@example.org`;
  await page.goto(`/c/${slug}/withdraw`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a withdrawal link' }).click();
  await expect(page.getByRole('status')).toContainText('If this address signed the letter');
  await expect(waitForMail(email, undefined, 2_000)).rejects.toThrow();
});
