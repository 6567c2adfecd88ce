import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { includeHeldSignatures } from '@/lib/signatures/moderate-signatures';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: include signatures an abuse limit held back, by id. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const result = await includeHeldSignatures(await getApiCaller(request), (await params).slug, await readJson(request));
  return NextResponse.json(result);
});
