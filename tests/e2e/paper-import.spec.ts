import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createPublishedCampaign, signedInRequest } from './helpers/seed';
import { signAndConfirm } from './helpers/sign-via-api';

/**
 * An organiser imports signatures collected on paper at a vigil: the file is checked first
 * (a bad row refuses the whole file), then imported; the letter page and the documents keep
 * paper apart from email-verified signatures.
 */
test('an organiser imports paper signatures, which are counted and delivered apart from online ones', async ({ browser, request }) => {
  const tag = randomBytes(3).toString('hex');
  const { slug } = await createPublishedCampaign({ signerKinds: ['individual', 'group'] });
  await signAndConfirm(request, slug, { givenName: 'Online', familyName: `Signer${tag}`, email: `online-${tag}@example.org`, country: 'FR', visibility: 'public' });

  const header = 'kind,given_name,family_name,country,visibility,group_label,members';
  const good = [
    header,
    `individual,Paper,One${tag},CH,public,,`,
    `individual,فریده,محمدی${tag},IR,confidential,,`,
    `group,,,IR,counted,Family of a detainee,6`,
  ].join('\r\n');
  const bad = good.replace(',CH,public', ',XX,public');

  const api = await signedInRequest();
  const context = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
  await api.dispose();
  const page = await context.newPage();
  await page.goto(`/dashboard/c/${slug}/imports`);
  await page.getByLabel('Description').fill('Paper forms signed at the Geneva vigil');
  await page.getByLabel('Collected by').fill('Geneva volunteers');
  await page.getByLabel('Collected on').fill('2026-11-20');

  await test.step('a file with a bad row is refused whole, with the line and the column', async () => {
    await page.getByLabel('CSV file').setInputFiles({ name: 'vigil.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const problems = page.getByRole('table', { name: 'Problems in the file' });
    await expect(problems.getByRole('row').filter({ hasText: '2' }).first()).toContainText(/country/i);
    await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  });

  await test.step('the corrected file is checked, then imported', async () => {
    await page.getByLabel('CSV file').setInputFiles({ name: 'vigil.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('import-preview')).toContainText('3 rows in the file');
    const importButton = page.getByRole('button', { name: 'Import 3 signatures' });
    await expect(importButton).toBeEnabled();
    // The check cleared the file input (a file cannot be kept across posts): the same file is chosen again.
    await page.getByLabel('CSV file').setInputFiles({ name: 'vigil.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect(page.getByLabel('CSV file')).toHaveValue(/vigil\.csv$/);
    await importButton.click();
    await expect(page.getByText('3 signatures imported from vigil.csv.')).toBeVisible({ timeout: 15_000 });
  });

  await test.step('the letter page counts paper apart', async () => {
    const letter = await context.newPage();
    await expect(async () => {
      await letter.goto(`/c/${slug}`);
      await expect(letter.getByTestId('signature-count')).toHaveText('4', { timeout: 1_000 });
      await expect(letter.getByTestId('signature-breakdown')).toContainText('1 online and 3 on paper', { timeout: 1_000 });
    }).toPass({ timeout: 20_000, intervals: [1_000] });
    // Paper signers who did not choose to be public are not on the page.
    await expect(letter.locator('body')).not.toContainText(`محمدی${tag}`);
    const campaign = (await (await request.get(`/api/v1/campaigns/${slug}`)).json()).campaign;
    expect(campaign.signatureCounts).toMatchObject({ total: 4, online: 1, paper: 3 });
    expect(campaign.signatureCount).toBe(4);
  });

  await test.step('the documents list paper in its own section', async () => {
    const csv = (await (await page.request.get(`/api/v1/campaigns/${slug}/exports/csv?source=paper`)).body()).toString('utf8');
    expect(csv).toContain(`One${tag}`);
    expect(csv).toContain(`محمدی${tag}`);
    expect(csv).not.toContain(`Signer${tag}`);
    const online = (await (await page.request.get(`/api/v1/campaigns/${slug}/exports/csv?source=online`)).body()).toString('utf8');
    expect(online).toContain(`Signer${tag}`);
    expect(online).not.toContain(`One${tag}`);
  });
  await context.close();
});
