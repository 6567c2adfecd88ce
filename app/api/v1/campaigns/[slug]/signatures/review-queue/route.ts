import { NextResponse } from 'next/server';
import { getCaller } from '@/lib/auth/get-caller';
import { apiRoute } from '@/lib/http/api-response';
import { listReviewQueue } from '@/lib/signatures/review-signature';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: confirmed notable and organisation signatures waiting for review, oldest first. */
export const GET = apiRoute<Context>(async (_request, { params }) => {
  const { slug } = await params;
  return NextResponse.json({ items: await listReviewQueue(await getCaller(), slug) });
});
