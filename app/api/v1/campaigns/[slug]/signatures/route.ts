import { NextResponse } from 'next/server';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { exportDocument } from '@/lib/documents/export-document';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { documentResponse } from '@/lib/http/document-response';
import { resolveLocale } from '@/lib/i18n/request';
import { clientKey } from '@/lib/rate-limit/client-address';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { listSignatures } from '@/lib/signatures/list-signatures';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Sign. New and repeat signatures get the same 202, so the API cannot tell who has signed. */
// Any site may sign, by design (a partner's own form): the signer is anonymous until the mailed link is followed.
export const POST = apiRoute<Context>(async (request, { params }) => {
  const body = await readJson(request);
  const result = await signCampaign((await params).slug, body, { locale: await resolveLocale(), client: clientKey(request.headers) });
  return NextResponse.json(result, { status: 202 });
}, 'any-site');

/** Organisers: the signature list as JSON, or (`?format=csv`) the signatories' CSV. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const { slug } = await params;
  const caller = await getApiCaller(request);
  const query = new URL(request.url).searchParams;
  // The CSV's first address, kept for existing links and scripts: the same document as /exports/csv.
  if (query.get('format') === 'csv') return documentResponse(await exportDocument(caller, slug, 'csv', {}));
  const list = await listSignatures(caller, slug, {
    status: (query.get('status') ?? undefined) as never,
    q: query.get('q') ?? undefined,
    page: query.get('page') ?? undefined,
    perPage: query.get('perPage') ?? undefined,
  });
  return NextResponse.json(list, { headers: { 'Cache-Control': 'no-store' } });
});
