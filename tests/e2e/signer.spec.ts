import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { linksIn, waitForMail, type Mail } from './helpers/mailbox';
import { createPublishedCampaign } from './helpers/seed';

/** The journey of someone who reads a letter, signs it and confirms by email. */

test.use({ locale: 'en-GB' });

const unique = () => randomBytes(4).toString('hex');

type Signer = {
  givenName: string;
  familyName: string;
  email: string;
  country?: string;
  title?: string;
  visibility: 'public' | 'counted';
};

async function fillSignForm(page: Page, signer: Signer) {
  await page.getByLabel('Given name', { exact: true }).fill(signer.givenName);
  await page.getByLabel('Family name', { exact: true }).fill(signer.familyName);
  await page.getByLabel('Email address', { exact: true }).fill(signer.email);
  await page.getByLabel('Country', { exact: true }).selectOption(signer.country ?? 'FR');
  if (signer.title) await page.getByLabel('Title or affiliation (optional)').fill(signer.title);
  await page
    .getByRole('radio', {
      name: signer.visibility === 'public' ? 'Public: my name may appear on this page and in the letter' : 'Counted only: my name appears nowhere; I am counted',
      exact: true,
    })
    .check();
  await page.getByRole('checkbox', { name: /^I sign this letter/ }).check();
}

async function signAndExpectInbox(page: Page, slug: string, signer: Signer): Promise<string> {
  await page.goto(`/c/${slug}`);
  await fillSignForm(page, signer);
  await page.getByRole('button', { name: 'Sign the letter' }).click();
  const answer = page.locator('#sign');
  await expect(answer.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  return answer.innerText();
}

function confirmLinkIn(mail: Mail): string {
  const link = linksIn(mail.html).find((href) => href.includes('/confirm/'));
  if (!link) throw new Error(`no confirmation link in the mail "${mail.subject}"`);
  return link;
}

async function confirmFromMail(page: Page, email: string, since: number) {
  const mail = await waitForMail(email, 'Confirm your signature', 15_000, since);
  await page.goto(confirmLinkIn(mail));
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();
}

const count = (page: Page) => page.getByTestId('signature-count');

/** The letter page is cached and rendered again every few seconds: reload until it shows what was confirmed. */
async function expectOnLetterSoon(page: Page, slug: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(`/c/${slug}`);
    await check();
  }).toPass({ timeout: 20_000, intervals: [1_000] });
}

test('a signer signs, confirms by email and is listed once', async ({ page, context }) => {
  const { slug, title } = await createPublishedCampaign();
  const id = unique();
  const email = `ada.${id}@example.org`;
  const signer: Signer = {
    givenName: 'Ada',
    familyName: `Lovelace-${id}`,
    email,
    title: 'Professor of international law',
    visibility: 'public',
  };

  await page.goto(`/c/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(count(page)).toHaveText('0');

  const since = Date.now();
  const answer = await signAndExpectInbox(page, slug, signer);
  expect(answer).toContain(email);
  expect(answer).toContain('counts only after');

  const mail = await waitForMail(email, 'Confirm your signature', 15_000, since);
  expect(mail.from).toMatch(/@/);
  expect(mail.to.join(',').toLowerCase()).toContain(email);
  expect(mail.subject).toContain(title);
  expect(mail.html).toContain('/confirm/');
  const link = confirmLinkIn(mail);
  expect(mail.text).toContain(link);

  // Opening the link (as a mail scanner would, twice) shows what is being confirmed and changes nothing.
  await page.goto(link);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Confirm your signature' })).toBeVisible();
  await expect(page.getByText(`Ada Lovelace-${id}, Professor of international law, France`)).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const other = await context.newPage();
  await other.goto(`/c/${slug}`);
  await expect(count(other)).toHaveText('0');
  await expect(other.getByText(`Lovelace-${id}`)).toHaveCount(0);
  await other.close();

  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();
  // The receipt is shown once, and has already left the address bar.
  await expect(page.getByTestId('receipt')).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  expect(page.url()).not.toContain('receipt');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to the letter' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}$`));
  await expectOnLetterSoon(page, slug, async () => {
    await expect(count(page)).toHaveText('1', { timeout: 1_000 });
    const listed = `Ada Lovelace-${id}, Professor of international law, France`;
    await expect(page.getByTestId('public-signers')).toContainText(listed, { timeout: 1_000 });
  });
  expect(await page.content()).not.toContain(email);

  // The same person again, in another case and with a +tag: the same answer, still one signature.
  for (const again of [`ADA.${id}@Example.ORG`, `ada.${id}+again@example.org`]) {
    const repeat = await signAndExpectInbox(page, slug, { ...signer, email: again });
    expect(repeat.replace(again, '<email>')).toBe(answer.replace(email, '<email>'));
  }
  await page.goto(`/c/${slug}`);
  await expect(count(page)).toHaveText('1');
});

test('a signer who chose to be counted is counted but never named', async ({ page }) => {
  const { slug } = await createPublishedCampaign();
  const id = unique();
  const signer: Signer = {
    givenName: `Hidden${id}`,
    familyName: `Witness${id}`,
    email: `witness.${id}@example.org`,
    title: `Cousin of a detainee ${id}`,
    visibility: 'counted',
  };

  const since = Date.now();
  await signAndExpectInbox(page, slug, signer);
  await confirmFromMail(page, signer.email, since);

  await expectOnLetterSoon(page, slug, () => expect(count(page)).toHaveText('1', { timeout: 1_000 }));
  const body = page.locator('body');
  await expect(body).not.toContainText(signer.givenName);
  await expect(body).not.toContainText(signer.familyName);
  await expect(body).not.toContainText(signer.title!);
  expect(await page.content()).not.toContain(id);

  await page.goto('/');
  expect(await page.content()).not.toContain(id);
});

test('a hostile name is shown as text, never run', async ({ page }) => {
  const { slug } = await createPublishedCampaign();
  const id = unique();
  const hostile = '<script>alert(1)</script>';
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const signer: Signer = { givenName: hostile, familyName: `Tester${id}`, email: `hostile.${id}@example.org`, visibility: 'public' };

  const since = Date.now();
  await signAndExpectInbox(page, slug, signer);
  const mail = await waitForMail(signer.email, 'Confirm your signature', 15_000, since);
  await page.goto(confirmLinkIn(mail));
  await expect(page.getByText(`${hostile} Tester${id}`)).toBeVisible();
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible();

  await expectOnLetterSoon(page, slug, () =>
    expect(page.getByTestId('public-signers')).toContainText(`${hostile} Tester${id}`, { timeout: 1_000 }),
  );
  expect(dialogs).toEqual([]);
});

test('a letter that does not exist is a 404', async ({ page }) => {
  const response = await page.goto(`/c/no-such-letter-${unique()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form still answers: field errors first, then "check your inbox"', async ({ page }) => {
    const { slug } = await createPublishedCampaign();
    const id = unique();
    await page.goto(`/c/${slug}`);

    await page.getByLabel('Given name', { exact: true }).fill('Rosa');
    await page.getByRole('button', { name: 'Sign the letter' }).click();
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Enter your family name' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'To sign, tick the box to give your consent' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Enter your given name' })).toHaveCount(0);
    const familyName = page.getByLabel('Family name', { exact: true });
    await expect(familyName).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#sign-familyName-error')).toHaveText(/Enter your family name/);
    // What was typed is still there.
    await expect(page.getByLabel('Given name', { exact: true })).toHaveValue('Rosa');

    await fillSignForm(page, {
      givenName: 'Rosa',
      familyName: `Parks-${id}`,
      email: `rosa.${id}@example.org`,
      country: 'US',
      visibility: 'public',
    });
    await page.getByRole('button', { name: 'Sign the letter' }).click();
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await expect(page.getByText(`rosa.${id}@example.org`)).toBeVisible();
  });
});
