import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { BASE_URL, createPublishedCampaign, signedInRequest } from './helpers/seed';
import { signAndConfirm } from './helpers/sign-via-api';

/**
 * An organiser downloads the signatories, then opens the campaign's audit log and finds the
 * download there with the file's fingerprint, and no signer named. Someone signed out gets nothing.
 */
test('an organiser reads the audit log of a campaign; a stranger cannot', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString('hex');
  const { slug } = await createPublishedCampaign({ title: `Free the Harbour Street Five ${tag}` });
  const signerEmail = `audit-${tag}@example.org`;
  await signAndConfirm(request, slug, { givenName: 'Quiet', familyName: `Witness ${tag}`, email: signerEmail, country: 'IR', visibility: 'confidential' });

  const api = await signedInRequest();
  const download = await api.get(`/api/v1/campaigns/${slug}/exports/csv?country=IR`);
  expect(download.status()).toBe(200);
  const fingerprint = createHash('sha256').update(await download.body()).digest('hex');

  const log = await api.get(`/api/v1/campaigns/${slug}/audit`);
  expect(log.status()).toBe(200);
  const entries = (await log.json()) as { items: { action: string; details: Record<string, unknown>; hash: string }[]; total: number };
  expect(entries.items.map((item) => item.action)).toEqual(['export', 'campaign.publish', 'campaign.create']);
  expect(entries.items[0].details).toMatchObject({ format: 'csv', filters: { country: 'IR' }, complete: true, sha256: fingerprint });
  expect(JSON.stringify(entries)).not.toContain(signerEmail);
  expect(JSON.stringify(entries)).not.toContain(`Witness ${tag}`);

  const organiser = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
  const page = await organiser.newPage();
  await page.goto(`${BASE_URL}/dashboard/c/${slug}`);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const rows = page.getByTestId('audit-list').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Downloaded a document');
  await expect(rows.nth(0)).toContainText(fingerprint);
  await expect(rows.nth(1)).toContainText('Published');
  await expect(rows.nth(2)).toContainText('Created the campaign');
  // Loaded afresh: the campaign page visited before lists signers for its organisers.
  await page.goto(`${BASE_URL}/dashboard/c/${slug}/audit`);
  await expect(page.getByTestId('audit-list').locator('tbody tr')).toHaveCount(3);
  expect(await page.content()).not.toContain(signerEmail);
  await organiser.close();

  // No credential at all: a 401 that says nothing about the campaign (another organiser gets a 404).
  const stranger = await request.get(`/api/v1/campaigns/${slug}/audit`);
  expect(stranger.status()).toBe(401);
  expect(await stranger.text()).not.toContain(slug);
  await api.dispose();
});
