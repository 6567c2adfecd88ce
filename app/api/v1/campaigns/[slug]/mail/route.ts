import { NextResponse } from 'next/server';
import { getCaller } from '@/lib/auth/get-caller';
import { apiRoute } from '@/lib/http/api-response';
import { getMailHealth, retryFailedMail } from '@/lib/mail/mail-health';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: what became of the letter's mail (counts only). */
export const GET = apiRoute<Context>(async (_request, { params }) => {
  return NextResponse.json(await getMailHealth(await getCaller(), (await params).slug), { headers: { 'Cache-Control': 'no-store' } });
});

/** Organisers: send given-up mail again. */
export const POST = apiRoute<Context>(async (_request, { params }) => {
  return NextResponse.json({ retried: await retryFailedMail(await getCaller(), (await params).slug) });
});
