import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { createPublishedHrcStatement, signedInRequest } from './helpers/seed';
import { signAndConfirm } from './helpers/sign-via-api';

/**
 * An advocacy officer prepares a joint written statement to the Human Rights Council: a
 * submitting NGO with status, three co-sponsors with different statuses and four supporters
 * without status. They approve the organisations, watch the word count, and download the
 * Word file the HRC secretariat expects.
 */
test('an organiser builds an HRC joint statement, approves its co-sponsors and supporters, and downloads the Word file', async ({ browser, request }) => {
  const tag = randomBytes(3).toString('hex');
  const { slug } = await createPublishedHrcStatement(
    `the situation of journalists in marendia ${tag}`,
    'The undersigned organisations are **alarmed** by the detention of five journalists.\n\n1. We urge the Council to act.\n2. We urge the release of the five.',
  );

  const cosponsors = [
    { name: `Ligue des Droits de l’Homme ${tag}`, status: 'special', country: 'FR' },
    { name: `Press Freedom Network ${tag}`, status: 'general', country: 'SN' },
    { name: `Roster Watch ${tag}`, status: 'roster', country: 'KE' },
  ];
  const supporters = ['Alpha', 'Beta', 'Gamma', 'Delta'].map((name) => `${name} Solidarity ${tag}`);
  const organisations = [
    ...cosponsors.map((org) => ({ name: org.name, ecosocStatus: org.status, country: org.country })),
    ...supporters.map((name) => ({ name, ecosocStatus: 'none', country: 'DE' })),
  ];
  for (const [index, org] of organisations.entries()) {
    await signAndConfirm(request, slug, {
      kind: 'organisation',
      givenName: 'Contact',
      familyName: `Person ${index}`,
      email: `org-${index}-${tag}@example.org`,
      country: org.country,
      visibility: 'public',
      organisation: { name: org.name, ecosocStatus: org.ecosocStatus },
    });
  }

  const api = await signedInRequest();
  const context = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB', acceptDownloads: true });
  await api.dispose();
  const page = await context.newPage();

  await test.step('approves every organisation in the review queue', async () => {
    await page.goto(`/dashboard/c/${slug}`);
    await expect(page.getByTestId('review-item')).toHaveCount(organisations.length);
    for (let left = organisations.length; left > 0; left -= 1) {
      await page.getByTestId('review-item').first().getByRole('button', { name: 'Approve' }).click();
      await expect(page.getByTestId('review-item')).toHaveCount(left - 1);
    }
    await expect(page.getByTestId('review-empty')).toBeVisible();
  });

  await test.step('sees the word count against the limit and the deadline', async () => {
    await page.goto(`/dashboard/c/${slug}/edit`);
    const counter = page.getByTestId('hrc-word-count');
    await expect(counter).toContainText('2,000');
    const before = Number((await counter.getAttribute('data-words')) ?? 'NaN');
    expect(before).toBeGreaterThan(10);
    await page.getByLabel('Letter', { exact: true }).fill('One two three four five.');
    await expect.poll(async () => Number(await counter.getAttribute('data-words'))).toBeLessThan(before);
  });

  await test.step('downloads the statement as Word, as the secretariat’s form asks', async () => {
    await page.goto(`/dashboard/c/${slug}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'HRC statement (Word)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${slug}-hrc-statement-v1-\\d{4}-\\d{2}-\\d{2}\\.docx$`));
    const zip = await JSZip.loadAsync(await readFile((await file.path())!));
    const documentXml = await zip.file('word/document.xml')!.async('string');
    const footnotes = await zip.file('word/footnotes.xml')!.async('string');
    const text = (xml: string) => xml.replace(/<[^>]+>/g, '').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    // The submitter, then co-sponsors grouped General, Special, Roster, each with its status.
    const body = text(documentXml);
    const order = ['Coalition for Press Freedom', cosponsors[1].name, cosponsors[0].name, cosponsors[2].name].map((name) => body.indexOf(name));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(documentXml).toContain('w:footnoteReference');
    expect(text(footnotes)).toContain(`${supporters[0]}, ${supporters[1]}, ${supporters[2]} and ${supporters[3]} also share the views expressed in this statement`);
    for (const name of supporters) expect(body).not.toContain(name);
  });
  await context.close();
});
