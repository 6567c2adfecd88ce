'use server';

import { redirect } from 'next/navigation';
import { requireText } from '@/lib/http/action-args';
import { confirmSignature } from '@/lib/signatures/confirm-signature';

/**
 * Confirms on POST only (mail scanners fetch links with GET). It then sends the browser back
 * to the confirmation page, which reads the stored state: double submissions and reloads
 * show the same "confirmed" answer, and no URL parameter can claim an outcome.
 */
export async function confirmAction(token: string): Promise<never> {
  requireText(token);
  await confirmSignature(token);
  redirect(`/confirm/${encodeURIComponent(token)}`);
}
