import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/api-response';
import { readBody } from '@/lib/http/read-body';
import { recordDeliveryEvent } from '@/lib/mail/record-delivery-event';

export const dynamic = 'force-dynamic';

/** Resend's delivery events (configure the endpoint and RESEND_WEBHOOK_SECRET in Resend). */
// Resend calls from its own servers; its signature (RESEND_WEBHOOK_SECRET) is the credential.
export const POST = apiRoute(async (request: Request) => {
  const body = await readBody(request, 256 * 1024);
  const result = await recordDeliveryEvent({
    body,
    id: request.headers.get('svix-id') ?? request.headers.get('webhook-id'),
    timestamp: request.headers.get('svix-timestamp') ?? request.headers.get('webhook-timestamp'),
    signature: request.headers.get('svix-signature') ?? request.headers.get('webhook-signature'),
  });
  return NextResponse.json(result);
}, 'any-site');
