import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { revalidateLetterPage } from '@/lib/campaigns/revalidate-letter-page';
import { recordResponse } from '@/lib/deliveries/record-response';
import { apiRoute, readJson } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; id: string }> };

/** Organisers: record the addressee's response (acknowledged, answered, declined). */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const { slug, id } = await params;
  const response = await recordResponse(await getApiCaller(request), slug, id, await readJson(request));
  revalidateLetterPage(slug);
  return NextResponse.json({ response }, { status: 201 });
});
