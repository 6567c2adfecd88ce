import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { createPublishedCampaign, signedInRequest } from './helpers/seed';

/**
 * An organiser meets a fraud wave: signatures from one made-up email domain. The dashboard
 * previews how many a filter takes, invalidates them, and hides an abusive public name; the
 * public count and page follow.
 */
test('an organiser invalidates a fraud wave by email domain and hides an abusive name', async ({ browser, request }) => {
  const { slug, title } = await createPublishedCampaign({ title: `Fraud wave ${randomBytes(3).toString('hex')}` });
  const domain = `fraud-${randomBytes(3).toString('hex')}.example`;
  const signers = [
    ...Array.from({ length: 3 }, (_, i) => ({ familyName: `Bot ${i}`, email: `bot${i}@${domain}` })),
    { familyName: 'Abusive', email: `abusive-${randomBytes(3).toString('hex')}@example.org` },
  ];
  for (const signer of signers) {
    const since = Date.now();
    const signed = await request.post(`/api/v1/campaigns/${slug}/signatures`, {
      data: { givenName: 'Xx', familyName: signer.familyName, email: signer.email, country: 'FR', visibility: 'public', consent: true },
    });
    expect(signed.status()).toBe(202);
    const mail = await waitForMail(signer.email, 'Confirm your signature', 15_000, since);
    const token = linksIn(mail.html).find((href) => href.includes('/confirm/'))!.split('/confirm/')[1];
    expect((await request.post('/api/v1/confirmations', { data: { token } })).status()).toBe(200);
    await waitForMail(signer.email, 'Your receipt', 15_000, since);
  }
  const count = async () => (await (await request.get(`/api/v1/campaigns/${slug}`)).json()).campaign.signatureCount;
  await expect.poll(count, { timeout: 10_000 }).toBe(4);

  const api = await signedInRequest();
  const context = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
  await api.dispose();
  const page = await context.newPage();
  await page.goto(`/dashboard/c/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // Each signer got two mails: the confirmation link, then the receipt.
  await expect(page.getByTestId('mail-health')).toContainText('8 sent');

  await page.getByLabel('Email domain').fill(domain);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('invalidation-preview')).toHaveText('3 signatures match (3 of them counted now).');
  await expect.poll(count).toBe(4);
  await page.getByRole('button', { name: 'Invalidate 3 signatures' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 signatures invalidated.' })).toBeVisible();
  await expect.poll(count, { timeout: 10_000 }).toBe(1);

  const row = page.getByRole('row').filter({ hasText: 'Abusive' });
  await row.getByRole('button', { name: 'Hide name' }).click();
  await expect(row.getByText('Name hidden')).toBeVisible();
  await expect(async () => {
    const letter = await context.newPage();
    await letter.goto(`/c/${slug}`);
    await expect(letter.getByTestId('signature-count')).toHaveText('1');
    await expect(letter.getByText('Xx Abusive')).toHaveCount(0);
    await letter.close();
  }).toPass({ timeout: 15_000 });
  await context.close();
});
