import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/api-response';
import { clientKey } from '@/lib/rate-limit/client-address';
import { checkPacketUpload } from '@/lib/verification/check-packet-upload';

export const dynamic = 'force-dynamic';

/** Checks a delivery packet (the zip as the body) against its manifest and the campaign's timeline. */
// Any site may check a packet: the route reads no cookie and changes nothing.
export const POST = apiRoute(async (request: Request) => {
  return NextResponse.json(await checkPacketUpload(request, { client: clientKey(request.headers) }), { headers: { 'Cache-Control': 'no-store' } });
}, 'any-site');
