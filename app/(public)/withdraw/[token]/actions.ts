'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { requireText } from '@/lib/http/action-args';
import { clientKey } from '@/lib/rate-limit/client-address';
import { withdrawSignature, type WithdrawOutcome } from '@/lib/signatures/withdraw-signature';

/** Withdraws on POST only (mail scanners fetch links with GET), then shows the outcome. */
export async function withdrawAction(token: string): Promise<never> {
  requireText(token);
  let outcome: WithdrawOutcome;
  try {
    outcome = await withdrawSignature(token, { client: clientKey(await headers()) });
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') redirect(`/withdraw/${encodeURIComponent(token)}?limited=1`);
    throw error;
  }
  redirect(`/withdraw/${encodeURIComponent(token)}?done=${outcome === 'withdrawn' ? '1' : '0'}`);
}
