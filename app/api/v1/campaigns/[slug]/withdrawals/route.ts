import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { resolveLocale } from '@/lib/i18n/request';
import { clientKey } from '@/lib/rate-limit/client-address';
import { requestWithdrawal } from '@/lib/signatures/withdraw-signature';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Ask for a withdrawal link. The same 202 whether or not the address signed. */
// Any site may ask for a withdrawal link: it is mailed to the signer, and the cookie only picks the mail's language.
export const POST = apiRoute<Context>(async (request, { params }) => {
  const body = await readJson(request);
  const result = await requestWithdrawal((await params).slug, body, { locale: await resolveLocale(), client: clientKey(request.headers) });
  return NextResponse.json(result, { status: 202 });
}, 'any-site');
