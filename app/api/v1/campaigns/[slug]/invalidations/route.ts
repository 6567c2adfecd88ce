import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { invalidateSignatures } from '@/lib/signatures/moderate-signatures';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: invalidate signatures by filter; `dryRun: true` only says how many match. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const result = await invalidateSignatures(await getApiCaller(request), (await params).slug, await readJson(request));
  return NextResponse.json(result);
});
