import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { signatureIdOrNotFound } from '@/lib/http/signature-id';
import { reviewSignature } from '@/lib/signatures/review-signature';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; id: string }> };

/** Organisers: `{ "decision": "approve" | "reject", "reason"?, "corrections"? }` for a notable or organisation signature. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const { slug, id } = await params;
  return NextResponse.json(await reviewSignature(await getApiCaller(request), slug, signatureIdOrNotFound(id), await readJson(request)));
});
