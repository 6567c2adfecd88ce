import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { manifestText, receiptAnswer, sha256Hex, testPacket, type TestPacket } from '../helpers/test-packet';

/**
 * The /verify page: a signer checks a receipt, an addressee checks a packet, both in the browser.
 * The deliveries' own endpoints answer through page.route here, so the page is tested against
 * the format itself, whatever deliveries the server holds.
 */

/** The campaign's public JSON, publishing this packet's manifest hash. */
async function publish(page: Page, packet: TestPacket, manifestSha256: string) {
  await page.route('**/api/v1/campaigns/free-the-lawyers', (route) =>
    route.fulfill({ json: { campaign: { slug: 'free-the-lawyers' }, deliveries: [{ id: packet.deliveryId, manifestSha256 }] } }),
  );
}

async function dropPacket(page: Page, zip: Uint8Array) {
  await page.getByTestId('packet-input').setInputFiles({ name: 'packet.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
}

test('a 25 MB packet checks out in the browser, and a changed one is named', async ({ page }) => {
  const packet = testPacket();
  packet.files['letter.pdf'] = randomBytes(25 * 1024 * 1024);
  const text = manifestText(packet);
  await publish(page, packet, sha256Hex(text));
  let uploads = 0;
  page.on('request', (r) => (r.method() === 'POST' ? uploads++ : null));
  await page.goto('/verify');
  await expect(page.getByRole('heading', { level: 1, name: 'Check a delivery' })).toBeVisible();

  const zip = zipSync({ ...packet.files, 'manifest.json': strToU8(text) }, { level: 0 });
  expect(zip.length).toBeGreaterThan(25 * 1024 * 1024);
  await dropPacket(page, zip);
  const verdict = page.getByTestId('packet-verdict');
  await expect(verdict).toHaveAttribute('data-valid', 'true', { timeout: 20_000 });
  await expect(verdict).toContainText('This packet is intact');
  await expect(verdict).toContainText('UN High Commissioner for Human Rights');
  await expect(page.getByTestId('packet-file')).toHaveCount(4);
  await expect(page.locator('[data-testid="packet-file"][data-ok="true"]')).toHaveCount(4);
  expect(uploads).toBe(0);

  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(packet.files['signatories.csv']);
  packet.files['signatories.csv'] = strToU8(csv.replace('Signer 7', 'Signer 8'));
  await dropPacket(page, zipSync({ ...packet.files, 'manifest.json': strToU8(text) }));
  await expect(verdict).toHaveAttribute('data-valid', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('packet-problems')).toContainText('signatories.csv: its SHA-256 differs from the manifest.');
  await expect(page.locator('[data-testid="packet-file"][data-ok="false"]')).toHaveCount(1);
});

test('a manifest other than the published one, and a file that is no zip, are called out', async ({ page }) => {
  const packet = testPacket();
  const published = sha256Hex(manifestText(packet));
  packet.manifest.addressee.name = 'Someone else';
  await publish(page, packet, published);
  await page.goto('/verify');
  await dropPacket(page, zipSync({ ...packet.files, 'manifest.json': strToU8(manifestText(packet)) }));
  await expect(page.getByTestId('packet-verdict')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('packet-problems')).toHaveText('The manifest differs from the one published on the campaign’s page.');

  await dropPacket(page, strToU8('not a zip'));
  await expect(page.getByTestId('packet-verdict')).toHaveAttribute('data-refused', 'not-a-zip');
  await expect(page.getByTestId('packet-verdict')).toContainText('It is not a zip file.');
});

test('a receipt from the mail link is checked in the browser and leaves the address at once', async ({ page }) => {
  const packet = testPacket();
  const receipt = packet.receipts[3];
  const good = receiptAnswer(packet, 3);
  const forged = { ...receiptAnswer(testPacket(), 0), addressee: 'A forged delivery' };
  let sent: unknown;
  await page.route('**/api/v1/verify/receipt', (route) => {
    sent = route.request().postDataJSON();
    return route.fulfill({ json: { deliveries: [good, forged] } });
  });
  await page.goto(`/verify#receipt=${receipt}`);
  const deliveries = page.getByTestId('receipt-delivery');
  await expect(deliveries).toHaveCount(2);
  expect(new URL(page.url()).hash).toBe('');
  expect(sent).toEqual({ receipt });
  await expect(page.getByRole('textbox', { name: 'Your receipt' })).toHaveValue(receipt);
  await expect(deliveries.nth(0)).toHaveAttribute('data-valid', 'true');
  await expect(deliveries.nth(0)).toContainText('To UN High Commissioner for Human Rights');
  await expect(deliveries.nth(0)).toContainText('November 24, 2026, by email');
  await expect(deliveries.nth(0)).toContainText('Checked in your browser');
  await expect(deliveries.nth(1)).toHaveAttribute('data-valid', 'false');
  await expect(deliveries.nth(1)).toContainText('The commitment does not come from your receipt.');
});

test('an unknown receipt gets the same answer as one in no delivery; a malformed one is not sent', async ({ page }) => {
  let requests = 0;
  await page.route('**/api/v1/verify/receipt', (route) => {
    requests++;
    return route.fulfill({ json: { deliveries: [] } });
  });
  await page.goto('/verify');
  await page.getByRole('textbox', { name: 'Your receipt' }).fill('too-short');
  await page.getByRole('button', { name: 'Check my receipt' }).click();
  await expect(page.locator('#receipt-error')).toContainText('A receipt is 43 characters long');
  expect(requests).toBe(0);
  await page.getByRole('textbox', { name: 'Your receipt' }).fill('A'.repeat(43));
  await page.getByRole('button', { name: 'Check my receipt' }).click();
  await expect(page.getByTestId('receipt-result')).toContainText('No delivery includes this receipt yet.');
  expect(requests).toBe(1);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  test('the page speaks French', async ({ page }) => {
    await page.goto('/verify');
    await expect(page.getByRole('heading', { level: 1, name: 'Vérifier une remise' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Vérifier mon reçu' })).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the page explains that checking needs JavaScript and points at the API and the docs', async ({ page }) => {
    await page.goto('/verify');
    const notice = page.getByTestId('verify-noscript');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('POST /api/v1/verify');
    await expect(notice).toContainText('docs/verification.md');
  });
});
