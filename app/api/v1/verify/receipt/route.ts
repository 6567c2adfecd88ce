import { NextResponse } from 'next/server';
import { findReceiptDeliveries } from '@/lib/deliveries/find-receipt-deliveries';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { clientKey } from '@/lib/rate-limit/client-address';

export const dynamic = 'force-dynamic';

/** Anyone holding a receipt: the deliveries that included its signature, with Merkle proofs to check. */
// Any site may check a receipt: the route reads no cookie and changes nothing.
export const POST = apiRoute(async (request: Request) => {
  const answer = await findReceiptDeliveries(await readJson(request), { client: clientKey(request.headers) });
  return NextResponse.json(answer, { headers: { 'Cache-Control': 'no-store' } });
}, 'any-site');
