import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute } from '@/lib/http/api-response';
import { listReviewQueue } from '@/lib/signatures/review-signature';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: confirmed notable and organisation signatures waiting for review, oldest first. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const { slug } = await params;
  return NextResponse.json({ items: await listReviewQueue(await getApiCaller(request), slug) });
});
