import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { revalidateLetterPage } from '@/lib/campaigns/revalidate-letter-page';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { listDeliveries } from '@/lib/deliveries/list-deliveries';
import { apiRoute, readJson } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';
// A packet of 100,000 signatures takes about a minute to build.
export const maxDuration = 300;

type Context = { params: Promise<{ slug: string }> };

/** Organisers: the campaign's deliveries, newest first. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const deliveries = await listDeliveries(await getApiCaller(request), (await params).slug);
  return NextResponse.json({ deliveries }, { headers: { 'Cache-Control': 'no-store' } });
});

/**
 * Organisers: record a delivery; its packet is built and stored once, here. With an
 * Idempotency-Key header, the same key again answers the delivery it made instead of a second one.
 */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const { slug } = await params;
  const caller = await getApiCaller(request);
  const delivery = await createDelivery(caller, slug, await readJson(request), { idempotencyKey: request.headers.get('idempotency-key') });
  revalidateLetterPage(slug);
  return NextResponse.json({ delivery }, { status: 201 });
});
