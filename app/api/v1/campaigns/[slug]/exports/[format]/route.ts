import { getApiCaller } from '@/lib/auth/get-api-caller';
import { exportDocument } from '@/lib/documents/export-document';
import { apiRoute } from '@/lib/http/api-response';
import { documentResponse } from '@/lib/http/document-response';
import { filtersFromSearchParams } from '@/lib/signatories/filters';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; format: string }> };

/** Organisers: the campaign's documents (csv, xlsx, pdf, docx, json), filtered by query parameters, streamed. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const { slug, format } = await params;
  const filters = filtersFromSearchParams(new URL(request.url).searchParams);
  return documentResponse(await exportDocument(await getApiCaller(request), slug, format, filters));
});
