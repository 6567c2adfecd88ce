import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { linksIn, waitForMail } from './helpers/mailbox';
import { BASE_URL, createPublishedCampaign, createPublishedHrcStatement, signedInRequest } from './helpers/seed';
import { signAndConfirm } from './helpers/sign-via-api';

/**
 * An advocacy officer hands the letter to the High Commissioner and records it; the office
 * acknowledges it. The public sees the delivery on the letter's page; a signer checks with
 * their receipt that they were included; a journalist checks the packet, and a doctored copy
 * of it is caught.
 */
test('a delivery is recorded, answered, published, and verified by a signer and by a visitor', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString('hex');
  const { slug } = await createPublishedCampaign({
    title: `Free the Harbour Street Five ${tag}`,
    addressees: [{ name: 'UN High Commissioner for Human Rights', role: 'OHCHR', postalAddress: 'Palais des Nations, CH-1211 Geneva 10' }],
  });
  const signerEmail = `receipt-${tag}@example.org`;
  const since = Date.now();
  await signAndConfirm(request, slug, { givenName: 'Leila', familyName: `Haddad ${tag}`, email: signerEmail, country: 'LB', visibility: 'public' });
  await signAndConfirm(request, slug, { givenName: 'Hidden', familyName: `Family ${tag}`, email: `counted-${tag}@example.org`, country: 'IR', visibility: 'counted' });

  // The organiser records the delivery from the dashboard.
  const api = await signedInRequest();
  const organiser = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB', acceptDownloads: true });
  const page = await organiser.newPage();
  await page.goto(`${BASE_URL}/dashboard/c/${slug}`);
  await page.getByRole('link', { name: 'Deliveries' }).click();
  await expect(page.getByRole('heading', { name: 'Deliveries', level: 1 })).toBeVisible();
  await page.getByLabel('Addressee', { exact: true }).selectOption('UN High Commissioner for Human Rights');
  await page.getByLabel('By email').check();
  await page.getByLabel('Signatories (CSV)').check();
  await page.getByLabel('Note for the team (not published)').fill('Handed over with the briefing note');
  await page.getByRole('button', { name: 'Build the packet and record the delivery' }).click();
  const created = page.getByTestId('delivery-created');
  await expect(created).toContainText('2 signatures');
  const manifestSha = (await created.textContent())!.match(/[0-9a-f]{64}/)![0];
  const delivery = page.getByTestId('delivery').first();
  await expect(delivery).toContainText('To UN High Commissioner for Human Rights');
  await expect(delivery).toContainText(manifestSha);

  // The office acknowledges; the response is recorded.
  await delivery.getByText('Record a response').click();
  await delivery.getByLabel('What they said (published on the letter’s page)').fill('Received by the Office; it will be shared with the relevant desk.');
  await delivery.getByRole('button', { name: 'Record the response' }).click();
  await expect(delivery.getByTestId('delivery-responses')).toContainText('Acknowledged');

  // The packet downloads, the same bytes twice.
  const download = await Promise.all([page.waitForEvent('download'), delivery.getByTestId('packet-download').click()]).then(([d]) => d);
  const packetPath = path.join(os.tmpdir(), `packet-${tag}.zip`);
  await download.saveAs(packetPath);
  const packet = await readFile(packetPath);
  const deliveryId = (await delivery.getAttribute('data-delivery-id'))!;
  const again = await api.get(`/api/v1/campaigns/${slug}/deliveries/${deliveryId}/packet`);
  expect(Buffer.from(await again.body()).equals(packet)).toBe(true);
  await api.dispose();
  await organiser.close();

  // Anyone: the letter's page shows the delivery, the fingerprint and the response; no address.
  const visitor = await browser.newContext({ locale: 'en-GB' });
  const publicPage = await visitor.newPage();
  await publicPage.goto(`${BASE_URL}/c/${slug}`);
  const timeline = publicPage.getByTestId('delivery-timeline');
  await expect(timeline).toContainText('Delivered to UN High Commissioner for Human Rights');
  await expect(timeline).toContainText('by email');
  await expect(timeline).toContainText('2 signatures');
  await expect(timeline.getByTestId('manifest-sha256')).toHaveText(manifestSha);
  await expect(timeline).toContainText('it will be shared with the relevant desk');
  await expect(timeline).not.toContainText('Palais des Nations');
  await expect(timeline).not.toContainText('briefing note');

  // A visitor checks the packet in the browser, then a copy with one name changed.
  await publicPage.goto(`${BASE_URL}/verify`);
  await publicPage.getByTestId('packet-input').setInputFiles(packetPath);
  await expect(publicPage.getByTestId('packet-verdict')).toHaveAttribute('data-valid', 'true', { timeout: 20_000 });
  const zip = await JSZip.loadAsync(packet);
  const csv = await zip.file('signatories.csv')!.async('string');
  zip.file('signatories.csv', csv.replace(`Haddad ${tag}`, `Haddid ${tag}`));
  const tamperedPath = path.join(os.tmpdir(), `tampered-${tag}.zip`);
  await writeFile(tamperedPath, await zip.generateAsync({ type: 'nodebuffer' }));
  await publicPage.goto(`${BASE_URL}/verify`);
  await publicPage.getByTestId('packet-input').setInputFiles(tamperedPath);
  await expect(publicPage.getByTestId('packet-verdict')).toHaveAttribute('data-valid', 'false', { timeout: 20_000 });
  await expect(publicPage.getByTestId('packet-problems')).toContainText('signatories.csv');
  await visitor.close();

  // The signer follows the receipt link from their mail: the proof is checked in their browser.
  const mail = await waitForMail(signerEmail, /receipt/i, 15_000, since);
  const link = linksIn(mail.html).find((href) => href.includes('/verify#receipt='))!;
  expect(link).toBeTruthy();
  const signer = await browser.newContext({ locale: 'en-GB' });
  const signerPage = await signer.newPage();
  const posted: string[] = [];
  signerPage.on('request', (r) => posted.push(r.url()));
  await signerPage.goto(link.replace(/^https?:\/\/[^/]+/, BASE_URL));
  const result = signerPage.getByTestId('receipt-delivery');
  await expect(result).toHaveCount(1);
  await expect(result).toHaveAttribute('data-valid', 'true');
  await expect(result).toContainText('UN High Commissioner for Human Rights');
  await expect(result).toContainText('Checked in your browser');
  expect(signerPage.url()).not.toContain('receipt');
  // The fragment never reaches a server: no request carried the receipt in its address.
  expect(posted.some((url) => url.includes('receipt='))).toBe(false);
  await signer.close();
});

test('without JavaScript: a response is recorded, a delivery to nobody is refused with the field named, then one is recorded', async ({ browser }) => {
  const { slug } = await createPublishedCampaign();
  const api = await signedInRequest();
  const made = await api.post(`/api/v1/campaigns/${slug}/deliveries`, { data: { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['pdf'] } });
  expect(made.status()).toBe(201);
  const context = await browser.newContext({ storageState: await api.storageState(), javaScriptEnabled: false, locale: 'en-GB' });
  await api.dispose();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/dashboard/c/${slug}/deliveries`);
  const delivery = page.getByTestId('delivery').first();
  await delivery.locator('summary', { hasText: 'Record a response' }).click();
  await delivery.getByLabel('Response').selectOption('declined');
  await delivery.getByLabel('What they said (published on the letter’s page)').fill('The Office does not accept petitions by post.');
  await delivery.getByRole('button', { name: 'Record the response' }).click();
  await expect(page.getByTestId('delivery').first().getByTestId('delivery-responses')).toContainText('Declined');

  await page.getByLabel('Addressee', { exact: true }).selectOption('__new__');
  await page.getByRole('button', { name: 'Build the packet and record the delivery' }).click();
  await expect(page.getByTestId('delivery-error')).toBeVisible();
  await expect(page.locator('#delivery-new-error')).toContainText('Addressee name is required');

  await page.getByLabel('Addressee', { exact: true }).selectOption('UN High Commissioner for Human Rights');
  await page.getByLabel('In person').check();
  await page.getByRole('button', { name: 'Build the packet and record the delivery' }).click();
  await expect(page.getByTestId('delivery-created')).toBeVisible();
  await expect(page.getByTestId('delivery')).toHaveCount(2);
  await context.close();
});

test('an HRC statement and its PDF are delivered to a new addressee, and the packet holds the Word file', async ({ browser, request }) => {
  const tag = randomBytes(3).toString('hex');
  const { slug } = await createPublishedHrcStatement(
    `the detention of journalists in marendia ${tag}`,
    'The undersigned organisations are alarmed by the detention of five journalists.',
  );
  await signAndConfirm(request, slug, {
    kind: 'organisation',
    givenName: 'Contact',
    familyName: 'Person',
    email: `org-${tag}@example.org`,
    country: 'FR',
    visibility: 'public',
    organisation: { name: `Ligue des Droits ${tag}`, ecosocStatus: 'special' },
  });
  const api = await signedInRequest();
  const queue = (await (await api.get(`/api/v1/campaigns/${slug}/signatures/review-queue`)).json()) as { items: { id: string }[] };
  expect((await api.post(`/api/v1/campaigns/${slug}/signatures/${queue.items[0].id}/review`, { data: { decision: 'approve' } })).status()).toBe(200);

  const context = await browser.newContext({ storageState: await api.storageState(), locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/dashboard/c/${slug}/deliveries`);
  await page.getByLabel('Addressee', { exact: true }).selectOption('__new__');
  await page.getByLabel('Name of the new addressee').fill('UN High Commissioner for Human Rights');
  await page.getByLabel('Role (optional)').fill('OHCHR');
  await page.getByLabel('In person').check();
  await expect(page.getByLabel('HRC statement (Word)')).toBeChecked();
  await expect(page.getByLabel('Letter with annex (PDF)')).toBeChecked();
  await page.getByRole('button', { name: 'Build the packet and record the delivery' }).click();
  await expect(page.getByTestId('delivery-created')).toContainText('1 signature');
  const id = (await page.getByTestId('delivery').first().getAttribute('data-delivery-id'))!;
  const packet = await api.get(`/api/v1/campaigns/${slug}/deliveries/${id}/packet`);
  const zip = await JSZip.loadAsync(await packet.body());
  expect(Object.keys(zip.files).sort()).toEqual(['commitments.json', 'hrc-statement.docx', 'letter.pdf', 'manifest.json']);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  expect(manifest.addressee).toEqual({ name: 'UN High Commissioner for Human Rights', role: 'OHCHR' });
  expect(manifest.counts.byKind).toEqual({ organisation: 1 });
  await api.dispose();
  await context.close();

  const timeline = await (await request.get(`/api/v1/campaigns/${slug}`)).json();
  expect(timeline.deliveries).toMatchObject([{ id, addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', signatureCount: 1 }]);
});
