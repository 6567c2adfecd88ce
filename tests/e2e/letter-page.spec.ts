import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { BASE_URL, createPublishedCampaign, signedInRequest, uniqueSlug } from './helpers/seed';

/**
 * The letter page as it is shared: one cached page per language, at /{locale}/c/{slug}, that
 * anyone can link to in a chosen language; /c/{slug} opens in the reader's own.
 */

test.use({ locale: 'en-GB' });

const unique = () => randomBytes(4).toString('hex');
const FRENCH = {
  title: 'Libérez les Cinq de Harbour Street',
  letter: 'Excellence,\n\nNous vous écrivons au sujet de **cinq journalistes** détenus sans inculpation.',
};

async function frenchLetter(): Promise<string> {
  const { slug } = await createPublishedCampaign({ translations: { fr: FRENCH } });
  return slug;
}

/** Fills the sign form by its field ids, which do not change with the language. */
async function fillSignForm(page: Page, signer: { givenName: string; familyName: string; email: string }) {
  await page.locator('#sign-givenName').fill(signer.givenName);
  await page.locator('#sign-familyName').fill(signer.familyName);
  await page.locator('#sign-email').fill(signer.email);
  await page.locator('#sign-country').selectOption('FR');
  await page.locator('#sign-visibility').check();
  await page.locator('#sign-consent').check();
}

test('a /fr/ link shows the French page to a reader whose browser and cookie say English', async ({ page, context }) => {
  const slug = await frenchLetter();
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: BASE_URL }]);

  const response = await page.goto(`/fr/c/${slug}`);
  expect(response?.status()).toBe(200);
  // Shared caches may keep the page briefly; Next.js renders it again in the background.
  expect(response?.headers()['cache-control']).toMatch(/s-maxage=\d+, stale-while-revalidate/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: FRENCH.title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Signer la lettre' })).toBeVisible();

  // The address without a language still opens in the reader's, and is not shared between readers.
  const plain = await page.goto(`/c/${slug}`);
  expect(plain?.headers()['cache-control']).toContain('private');
  await expect(page).toHaveURL(new RegExp(`/c/${slug}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Release the Harbour Street Five' })).toBeVisible();
});

test('the switcher on the letter page opens the other language’s address and remembers the choice', async ({ page }) => {
  const slug = await frenchLetter();
  await page.goto(`/c/${slug}`);
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page).toHaveURL(new RegExp(`/fr/c/${slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: FRENCH.title })).toBeVisible();

  // The rest of the site follows the cookie the switcher set.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.goto(`/c/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: FRENCH.title })).toBeVisible();
});

test('signing on the cached French page mails in French, and the count follows within seconds', async ({ page }) => {
  const slug = await frenchLetter();
  const email = `cached.${unique()}@example.org`;
  await page.goto(`/fr/c/${slug}`);
  await expect(page.getByTestId('signature-count')).toHaveText('0');

  const since = Date.now();
  await fillSignForm(page, { givenName: 'Ada', familyName: `Cache-${unique()}`, email });
  await page.getByRole('button', { name: 'Signer la lettre' }).click();
  await expect(page.locator('#sign').getByRole('heading', { name: 'Consultez votre boîte de réception' })).toBeVisible();

  // The page's language, not the browser's, decides the mail's, and the pages its links open.
  const mail = await waitForMail(email, 'Confirmez votre signature', 15_000, since);
  await page.goto(linksIn(mail.html).find((href) => href.includes('/confirm/'))!);
  await page.getByRole('button', { name: 'Confirmer ma signature' }).click();
  await expect(page.getByRole('heading', { name: 'Votre signature est confirmée' })).toBeVisible();

  await expect
    .poll(
      async () => {
        await page.goto(`/fr/c/${slug}`);
        return page.getByTestId('signature-count').innerText();
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe('1');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the cached page takes a signature and shows the answer', async ({ page }) => {
    const slug = await frenchLetter();
    const email = `nojs.${unique()}@example.org`;
    await page.goto(`/fr/c/${slug}`);

    await page.locator('#sign-givenName').fill('Rosa');
    await page.getByRole('button', { name: 'Signer la lettre' }).click();
    await expect(page.getByRole('alert').getByRole('heading', { name: 'Il y a un problème' })).toBeVisible();
    await expect(page.locator('#sign-givenName')).toHaveValue('Rosa');

    const since = Date.now();
    await fillSignForm(page, { givenName: 'Rosa', familyName: `Parks-${unique()}`, email });
    await page.getByRole('button', { name: 'Signer la lettre' }).click();
    await expect(page).toHaveURL(new RegExp(`/fr/c/${slug}#sign$`));
    await expect(page.getByRole('heading', { name: 'Consultez votre boîte de réception' })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await waitForMail(email, 'Confirmez votre signature', 15_000, since);

    // Someone else then gets the cached page, without the answer given to Rosa.
    await page.goto(`/fr/c/${slug}`);
    await expect(page.getByRole('button', { name: 'Signer la lettre' })).toBeVisible();
    await expect(page.getByText(email)).toHaveCount(0);
  });
});

test('drafts stay 404; publishing, closing and reopening show at once', async ({ page }) => {
  const api = await signedInRequest();
  const slug = uniqueSlug('cached');
  const created = await api.post('/api/v1/campaigns', {
    data: { slug, title: `Draft ${slug}`, letter: 'A draft letter.', addressees: ['Someone'], language: 'en' },
  });
  expect(created.status()).toBe(201);

  for (const path of [`/c/${slug}`, `/en/c/${slug}`, `/fr/c/${slug}`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  expect((await page.goto(`/de/c/${slug}`))?.status()).toBe(404);

  expect((await api.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'published' } })).ok()).toBe(true);
  expect((await page.goto(`/c/${slug}`))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: `Draft ${slug}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign the letter' })).toBeVisible();

  expect((await api.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'closed' } })).ok()).toBe(true);
  await page.goto(`/c/${slug}`);
  await expect(page.getByRole('heading', { name: 'This letter is closed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign the letter' })).toHaveCount(0);

  expect((await api.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'published' } })).ok()).toBe(true);
  await page.goto(`/c/${slug}`);
  await expect(page.getByRole('button', { name: 'Sign the letter' })).toBeVisible();
  await api.dispose();
});
