'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { clientKey } from '@/lib/rate-limit/client-address';
import { requireText } from '@/lib/http/action-args';
import { confirmSignature } from '@/lib/signatures/confirm-signature';

/**
 * Confirms on POST only (mail scanners fetch links with GET). It then sends the browser back
 * to the confirmation page, which reads the stored state: double submissions and reloads
 * show the same "confirmed" answer, and no URL parameter can claim an outcome.
 */
export async function confirmAction(token: string): Promise<never> {
  requireText(token);
  let receipt: string | undefined;
  try {
    ({ receipt } = await confirmSignature(token, { client: clientKey(await headers()) }));
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') redirect(`/confirm/${encodeURIComponent(token)}?limited=1`);
    throw error;
  }
  // The receipt rides in the fragment: the browser keeps it across the redirect but never sends
  // it to a server, and the page shows it once, then drops it from the address. `?done` makes the
  // address differ by more than the fragment, which the client router would treat as a scroll.
  redirect(`/confirm/${encodeURIComponent(token)}${receipt ? `?done=1#receipt=${receipt}` : ''}`);
}
