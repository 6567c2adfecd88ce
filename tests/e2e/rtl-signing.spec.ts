import { randomBytes } from 'node:crypto';
import { expect, request, test, type Page } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { BASE_URL, createPublishedCampaign, signedInRequest } from './helpers/seed';

/**
 * Families of victims often read Persian or Arabic: the whole journey, from the letter to the
 * mails, the confirmation and the withdrawal, is in their language and reads right to left.
 */

test.use({ locale: 'en-GB' });

const PERSIAN_TITLE = 'پنج روزنامه‌نگار خیابان هاربر را آزاد کنید';

/** A letter like the demo one: every kind of signer, a deadline, and a Persian translation. */
async function demoLikeLetter() {
  return createPublishedCampaign({
    title: 'Free the Harbour Street Five',
    signerKinds: ['individual', 'notable', 'organisation', 'group'],
    deadline: '2031-03-21',
    translations: {
      fa: {
        title: PERSIAN_TITLE,
        letter: 'عالی‌جناب،\n\nدربارهٔ **پنج روزنامه‌نگار** که بی هیچ اتهامی در بازداشت‌اند به شما می‌نویسیم.',
        demands: ['آزادی آن‌ها'],
      },
    },
  });
}

const emailFor = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.org`;

/** The page reads right to left throughout, in a font drawn for Persian and Arabic letters, and never scrolls sideways. */
async function expectRightToLeft(page: Page, lang: 'fa' | 'ar') {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/vazirmatn/i);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

test('a Persian signer signs, confirms from the mail, and the organiser sees the consent they gave', async ({ page, browser }) => {
  const { slug } = await demoLikeLetter();
  const email = emailFor('maryam');

  // The switcher offers Persian in Persian; the letter opens in its Persian translation.
  await page.goto(`/c/${slug}`);
  await page.getByRole('button', { name: 'فارسی' }).click();
  await expect(page).toHaveURL(new RegExp(`/fa/c/${slug}$`));
  await expectRightToLeft(page, 'fa');
  await expect(page.getByRole('heading', { level: 1, name: PERSIAN_TITLE })).toBeVisible();
  // Dates shown to signers follow their calendar: 21 March 2031 is 1 Farvardin 1410.
  await expect(page.getByText('امضاها تا ۱ فروردین ۱۴۱۰ پذیرفته می‌شوند')).toBeVisible();
  await expect(page.getByTestId('signature-count')).toHaveText('۰');

  // Sending the form empty answers in Persian, field by field.
  const submit = page.getByRole('button', { name: 'امضای نامه' });
  await submit.click();
  await expect(page.getByRole('heading', { name: 'مشکلی هست' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'نامتان را وارد کنید' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'برای امضا، خانهٔ رضایت را علامت بزنید' })).toBeVisible();

  // The consent says, in plain Persian, what is kept, who sees it and how to withdraw.
  const consent = page.getByRole('checkbox', { name: /^من این نامه را امضا می‌کنم/ });
  await expect(page.getByTestId('consent-details')).toContainText('محرمانه: نامم فقط در فهرستی است که به گیرندگان نامه داده می‌شود');
  await expect(page.getByTestId('consent-details')).toContainText('هر وقت بخواهم می‌توانم امضایم را پس بگیرم');

  await page.getByRole('radio', { name: 'یک فرد' }).check();
  await page.getByLabel('نام', { exact: true }).fill('مریم');
  await page.getByLabel('نام خانوادگی').fill('احمدی');
  await page.getByLabel('نشانی ایمیل').fill(email);
  await page.getByLabel('کشور', { exact: true }).selectOption('IR');
  await page.getByRole('radio', { name: /^محرمانه/ }).check();
  await consent.check();
  const since = Date.now();
  await submit.click();
  await expect(page.getByRole('heading', { name: 'صندوق ایمیلتان را ببینید' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  await expectRightToLeft(page, 'fa');

  // The confirmation mail is Persian and right to left; its link opens the site in Persian even in
  // a browser that has never seen this signer (a phone's mail app, say).
  const mail = await waitForMail(email, 'امضایتان را تأیید کنید', 15_000, since);
  expect(mail.html).toMatch(/<html[^>]*dir="rtl"/);
  expect(mail.text).toContain('این ایمیل را نادیده بگیرید');
  const confirmLink = linksIn(mail.html).find((href) => href.includes('/confirm/'))!;
  expect(confirmLink).toMatch(/\?lang=fa$/);
  const phone = await browser.newContext({ locale: 'en-GB' });
  const phonePage = await phone.newPage();
  await phonePage.goto(confirmLink);
  await expectRightToLeft(phonePage, 'fa');
  await expect(phonePage.getByRole('heading', { level: 1, name: 'امضایتان را تأیید کنید' })).toBeVisible();
  await expect(phonePage.getByTestId('confirm-signature-line')).toContainText('مریم احمدی');
  await phonePage.getByRole('button', { name: 'امضایم را تأیید می‌کنم' }).click();
  await expect(phonePage.getByRole('heading', { level: 1, name: 'امضای شما تأیید شد' })).toBeVisible();
  await expect(phonePage.getByRole('heading', { name: 'رسید شما' })).toBeVisible();
  await expect(phonePage.getByTestId('receipt')).toHaveCSS('direction', 'ltr');
  await expectRightToLeft(phonePage, 'fa');
  await phone.close();

  // The receipt mail carries the signer's own withdrawal link, in Persian.
  const receiptMail = await waitForMail(email, 'رسید شما', 15_000, since);
  expect(receiptMail.text).toContain('نظرتان عوض شده؟');
  expect(linksIn(receiptMail.html).some((href) => /\/withdraw\/[A-Za-z0-9_-]{43}\?lang=fa$/.test(href))).toBe(true);

  // The organiser sees which consent was given, in which language, word for word; their own area
  // stays in a language it is written in, even for a reader whose choice is Persian.
  const api = await signedInRequest();
  const organiser = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
  await organiser.addCookies([{ name: 'NEXT_LOCALE', value: 'fa', url: BASE_URL }]);
  const dashboard = await organiser.newPage();
  await dashboard.goto(`/dashboard/c/${slug}?q=${encodeURIComponent('احمدی')}`);
  await expect(dashboard.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(dashboard.getByRole('button', { name: 'فارسی' })).toHaveCount(0);
  const row = dashboard.getByRole('row').filter({ hasText: 'مریم احمدی' });
  const record = row.getByTestId('signature-consent');
  await record.getByText('Version 2026-11-24.2, Persian').click();
  await expect(record.getByTestId('consent-text')).toBeVisible();
  await expect(record.getByTestId('consent-text')).toHaveAttribute('dir', 'rtl');
  await expect(record.getByTestId('consent-text')).toContainText('من این نامه را امضا می‌کنم.');
  await expect(record.getByTestId('consent-text')).toContainText('فقط شمارش: امضایم شمرده می‌شود');
  await organiser.close();
  await api.dispose();
});

test('an Arabic signer withdraws from the letter page, in Arabic, right to left', async ({ page }) => {
  const { slug } = await demoLikeLetter();
  const email = emailFor('salma');

  // Sign and confirm through the API in Arabic, so this test is about withdrawing.
  const api = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'accept-language': 'ar' } });
  const since = Date.now();
  const signed = await api.post(`/api/v1/campaigns/${slug}/signatures`, {
    data: { givenName: 'سلمى', familyName: 'حداد', email, country: 'LB', consent: true, visibility: 'public' },
  });
  expect(signed.status()).toBe(202);
  const confirmMail = await waitForMail(email, 'أكّد توقيعك', 15_000, since);
  const token = linksIn(confirmMail.html).find((href) => href.includes('/confirm/'))!.split('/confirm/')[1].split('?')[0];
  expect((await api.post('/api/v1/confirmations', { data: { token } })).status()).toBe(200);
  const receiptMail = await waitForMail(email, 'إيصالك', 15_000, since);
  expect(receiptMail.html).toMatch(/<html[^>]*dir="rtl"/);
  expect(linksIn(receiptMail.html).some((href) => /\/withdraw\/[A-Za-z0-9_-]{43}\?lang=ar$/.test(href))).toBe(true);
  await api.dispose();

  // From the Arabic letter page, ask for a withdrawal link.
  await page.goto(`/ar/c/${slug}`);
  await expectRightToLeft(page, 'ar');
  await expect(async () => {
    await page.goto(`/ar/c/${slug}`);
    await expect(page.getByTestId('signature-count')).toHaveText('1', { timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });
  await page.getByRole('link', { name: 'اسحب توقيعك' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/withdraw$`));
  await expectRightToLeft(page, 'ar');
  await expect(page.getByRole('heading', { level: 1, name: 'اسحب توقيعك' })).toBeVisible();
  const asked = Date.now();
  await page.getByLabel('عنوان البريد الإلكتروني').fill(email);
  await page.getByRole('button', { name: 'أرسلوا إليّ رابط سحب التوقيع' }).click();
  await expect(page.getByRole('status')).toContainText('إن كان هذا العنوان قد وقّع الرسالة');

  const mail = await waitForMail(email, 'سحب توقيعك', 15_000, asked);
  expect(mail.html).toMatch(/<html[^>]*dir="rtl"/);
  const link = linksIn(mail.html).find((href) => href.includes('/withdraw/'))!;
  expect(link).toMatch(/\?lang=ar$/);
  await page.goto(link);
  await expectRightToLeft(page, 'ar');
  await expect(page.getByRole('heading', { level: 1, name: 'هل تريد سحب توقيعك؟' })).toBeVisible();
  await page.getByRole('button', { name: 'أسحب توقيعي' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'سُحب توقيعك' })).toBeVisible();
  await expectRightToLeft(page, 'ar');

  const check = await request.newContext({ baseURL: BASE_URL });
  await expect.poll(async () => (await (await check.get(`/api/v1/campaigns/${slug}`)).json()).campaign.signatureCount, { timeout: 5_000 }).toBe(0);
  await check.dispose();
});
