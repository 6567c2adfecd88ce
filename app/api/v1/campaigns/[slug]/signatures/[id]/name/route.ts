import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { signatureIdOrNotFound } from '@/lib/http/signature-id';
import { hideSignerName } from '@/lib/signatures/moderate-signatures';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; id: string }> };

/** Organisers: `{ "hidden": true }` hides an abusive public name; the signature still counts. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const { slug, id } = await params;
  const result = await hideSignerName(await getApiCaller(request), slug, signatureIdOrNotFound(id), await readJson(request));
  return NextResponse.json(result);
});
