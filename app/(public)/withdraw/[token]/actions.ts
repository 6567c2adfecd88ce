'use server';

import { redirect } from 'next/navigation';
import { requireText } from '@/lib/http/action-args';
import { withdrawSignature } from '@/lib/signatures/withdraw-signature';

/** Withdraws on POST only (mail scanners fetch links with GET), then shows the outcome. */
export async function withdrawAction(token: string): Promise<never> {
  requireText(token);
  const outcome = await withdrawSignature(token);
  redirect(`/withdraw/${encodeURIComponent(token)}?done=${outcome === 'withdrawn' ? '1' : '0'}`);
}
