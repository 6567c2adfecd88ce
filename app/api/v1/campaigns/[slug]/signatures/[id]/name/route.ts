import { NextResponse } from 'next/server';
import { getCaller } from '@/lib/auth/get-caller';
import { AppError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { hideSignerName } from '@/lib/signatures/moderate-signatures';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Organisers: `{ "hidden": true }` hides an abusive public name; the signature still counts. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const { slug, id } = await params;
  if (!UUID.test(id)) throw new AppError('not_found', 'Signature not found');
  const result = await hideSignerName(await getCaller(), slug, id, await readJson(request));
  return NextResponse.json(result);
});
