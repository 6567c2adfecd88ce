import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { resolveLocale } from '@/lib/i18n/request';
import { requestSignerData } from '@/lib/privacy/request-signer-data';
import { clientKey } from '@/lib/rate-limit/client-address';

export const dynamic = 'force-dynamic';

/** Ask for the data held about an address: `{"email": …}`. The same 202 whatever the address; the answer is mailed to it. */
// Any site may ask (a partner's help page): the answer is mailed to the address, and the cookie only picks its language.
export const POST = apiRoute(async (request) => {
  const body = await readJson(request);
  const result = await requestSignerData(body, { locale: await resolveLocale(), client: clientKey(request.headers) });
  return NextResponse.json(result, { status: 202 });
}, 'any-site');
