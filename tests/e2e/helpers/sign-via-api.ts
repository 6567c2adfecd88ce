import type { APIRequestContext } from '@playwright/test';
import { linksIn, waitForMail } from './mailbox';

/** Signs through the public API and confirms with the mailed token, as a signer's mail client would; returns the receipt. */
export async function signAndConfirm(request: APIRequestContext, slug: string, body: Record<string, unknown>): Promise<string> {
  const since = Date.now();
  const signed = await request.post(`/api/v1/campaigns/${slug}/signatures`, { data: { consent: true, ...body } });
  if (signed.status() !== 202) throw new Error(`sign failed: ${signed.status()} ${await signed.text()}`);
  const mail = await waitForMail(String(body.email), /Confirm your signature/, 15_000, since);
  const token = linksIn(mail.html).find((href) => href.includes('/confirm/'))!.split('/confirm/')[1];
  const confirmed = await request.post('/api/v1/confirmations', { data: { token } });
  if (confirmed.status() !== 200) throw new Error(`confirm failed: ${confirmed.status()}`);
  return ((await confirmed.json()) as { receipt: string }).receipt;
}
