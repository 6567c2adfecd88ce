import { NextResponse } from 'next/server';
import { getCaller } from '@/lib/auth/get-caller';
import { AppError } from '@/lib/errors';
import { exportSignaturesCsv } from '@/lib/exports/export-signatures-csv';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { resolveLocale } from '@/lib/i18n/request';
import { clientKey } from '@/lib/rate-limit/client-address';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { listSignatures } from '@/lib/signatures/list-signatures';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Sign. New and repeat signatures get the same 202, so the API cannot tell who has signed. */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const body = await readJson(request);
  const result = await signCampaign((await params).slug, body, { locale: await resolveLocale(), client: clientKey(request.headers) });
  return NextResponse.json(result, { status: 202 });
});

/** Organisers: the signature list as JSON, or the confirmed signatories as a streamed CSV. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const { slug } = await params;
  const caller = await getCaller();
  if (!caller) throw new AppError('not_found', 'Campaign not found');
  const query = new URL(request.url).searchParams;
  if (query.get('format') === 'csv') {
    const { filename, chunks } = await exportSignaturesCsv(caller, slug);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  }
  const list = await listSignatures(caller, slug, {
    status: (query.get('status') ?? undefined) as never,
    q: query.get('q') ?? undefined,
    page: query.get('page') ?? undefined,
    perPage: query.get('perPage') ?? undefined,
  });
  return NextResponse.json(list, { headers: { 'Cache-Control': 'no-store' } });
});
