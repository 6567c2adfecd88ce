import { randomBytes } from 'node:crypto';
import { expect, request, test, type Browser, type BrowserContext } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { BASE_URL, signedInRequest, uniqueSlug } from './helpers/seed';
import { signAndConfirm } from './helpers/sign-via-api';

/**
 * A workspace's owner invites a viewer and an editor by email; each accepts signed in with the
 * invited address. The viewer reads the letter's dashboard and never sees a signer's address;
 * the editor sees one only by asking for it.
 */

const suffix = randomBytes(3).toString('hex');
const VIEWER = `viewer-${suffix}@undersigned.test`;
const EDITOR = `editor-${suffix}@undersigned.test`;
const SIGNER = `leila-${suffix}@example.org`;

test.use({ locale: 'en-GB' });

async function contextAs(browser: Browser, email?: string): Promise<BrowserContext> {
  const api = await signedInRequest(email);
  const context = await browser.newContext({ locale: 'en-GB', storageState: await api.storageState() });
  await api.dispose();
  return context;
}

test('an owner invites a viewer and an editor; only the editor sees an address, by asking', async ({ browser }) => {
  const admin = await signedInRequest();
  const slug = uniqueSlug('workspace-letter');
  const title = `Free the Harbour Street Five, ${suffix}`;
  const created = await admin.post('/api/v1/campaigns', {
    data: { slug, title, letter: 'Excellency,\n\nWe write.', addressees: ['UN High Commissioner for Human Rights'], language: 'en' },
  });
  expect(created.status()).toBe(201);
  const { campaign } = (await created.json()) as { campaign: { workspaceId: string } };
  expect((await admin.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'published' } })).ok()).toBe(true);
  const anonymous = await request.newContext({ baseURL: BASE_URL });
  await signAndConfirm(anonymous, slug, { givenName: 'Leila', familyName: 'Ahmadi', email: SIGNER, country: 'FR', visibility: 'public' });
  await admin.dispose();

  const owner = await contextAs(browser);
  const page = await owner.newPage();
  await page.goto(`/dashboard/w/${campaign.workspaceId}`);
  const invite = page.getByRole('region', { name: 'Invite someone' });
  for (const [email, role] of [
    [VIEWER, 'viewer'],
    [EDITOR, 'editor'],
  ] as const) {
    await invite.getByLabel('Email', { exact: true }).fill(email);
    await invite.getByLabel('Role', { exact: true }).selectOption(role);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(invite.getByRole('status')).toContainText(`${email} has been sent an invitation`);
  }
  await expect(page.getByTestId('invitations')).toContainText(VIEWER);

  const accept = async (email: string) => {
    const mail = await waitForMail(email, /^Join /, 15_000);
    const link = linksIn(mail.html).find((href) => href.includes('/dashboard/invitations/'))!;
    // Anyone else who opens the link, signed in, learns nothing and cannot join.
    const other = await owner.newPage();
    await other.goto(link);
    await expect(other.getByTestId('invitation-state')).toContainText('sent to another address');
    await other.close();
    const context = await contextAs(browser, email);
    const invited = await context.newPage();
    await invited.goto(link);
    await invited.getByRole('button', { name: 'Join the workspace' }).click();
    await expect(invited).toHaveURL(new RegExp(`/dashboard/w/${campaign.workspaceId}$`));
    await expect(invited.getByTestId('members')).toContainText(email);
    return invited;
  };

  const viewer = await accept(VIEWER);
  await viewer.goto(`/dashboard/c/${slug}`);
  await expect(viewer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(viewer.getByTestId('role-notice')).toContainText('You are a viewer');
  await expect(viewer.getByRole('row', { name: /Leila Ahmadi/ })).toContainText('Hidden');
  await expect(viewer.getByRole('button', { name: 'Show email' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Close' })).toHaveCount(0);
  expect(await viewer.content()).not.toContain(SIGNER);
  expect((await viewer.request.get(`/api/v1/campaigns/${slug}/exports/csv`)).status()).toBe(404);

  const editor = await accept(EDITOR);
  await editor.goto(`/dashboard/c/${slug}`);
  expect(await editor.content()).not.toContain(SIGNER);
  const row = editor.getByRole('row', { name: /Leila Ahmadi/ });
  await row.getByRole('button', { name: 'Show email' }).click();
  await expect(row.getByTestId('revealed-email')).toHaveText(SIGNER);
  await expect(editor.getByRole('button', { name: 'Close' })).toHaveCount(0);
  await owner.close();
});
