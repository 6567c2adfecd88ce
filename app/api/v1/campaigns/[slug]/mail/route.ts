import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute } from '@/lib/http/api-response';
import { getMailHealth, retryFailedMail } from '@/lib/mail/mail-health';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: what became of the letter's mail (counts only). */
export const GET = apiRoute<Context>(async (request, { params }) => {
  return NextResponse.json(await getMailHealth(await getApiCaller(request), (await params).slug), { headers: { 'Cache-Control': 'no-store' } });
});

/** Organisers: send given-up mail again. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  return NextResponse.json({ retried: await retryFailedMail(await getApiCaller(request), (await params).slug) });
});
