import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { waitForMail } from './helpers/mailbox';
import { createPublishedCampaign, signedInRequest } from './helpers/seed';
import { signAndConfirm } from './helpers/sign-via-api';

/** The review queue works as a browser without JavaScript posts it: a refusal first, then a rejection and an approval. */
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an organiser rejects one notable signer with a reason and approves another', async ({ browser, request }) => {
    const tag = randomBytes(3).toString('hex');
    const { slug } = await createPublishedCampaign({ signerKinds: ['individual', 'notable'] });
    const rejected = `fake-${tag}@example.org`;
    await signAndConfirm(request, slug, { kind: 'notable', givenName: 'Fake', familyName: `Expert${tag}`, title: 'Judge', email: rejected, country: 'FR', visibility: 'public' });
    await signAndConfirm(request, slug, { kind: 'notable', givenName: 'Real', familyName: `Expert${tag}`, title: 'Judge', email: `real-${tag}@example.org`, country: 'FR', visibility: 'confidential' });

    const api = await signedInRequest();
    const context = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB', javaScriptEnabled: false });
    await api.dispose();
    const page = await context.newPage();
    await page.goto(`/dashboard/c/${slug}`);
    const fake = page.getByTestId('review-item').filter({ hasText: 'Fake' });

    await fake.getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Give the reason for the rejection' })).toBeVisible();
    await expect(page.getByTestId('review-item')).toHaveCount(2);

    const since = Date.now();
    await page.getByTestId('review-item').filter({ hasText: 'Fake' }).getByLabel('Reason for a rejection').fill('Not the person named');
    await page.getByTestId('review-item').filter({ hasText: 'Fake' }).getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByTestId('review-item')).toHaveCount(1);
    const mail = await waitForMail(rejected, 'Your signature was not accepted', 15_000, since);
    expect(mail.text).toContain('Not the person named');

    await page.getByTestId('review-item').getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('review-empty')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: `Fake Expert${tag}` })).toContainText('rejected');
    await context.close();
  });
});
