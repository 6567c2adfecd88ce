import { NextResponse } from 'next/server';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Organisers: the campaign's audit log, newest first (`?page=&perPage=`). Read only: no route changes it. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const entries = await listAuditEntries(await getApiCaller(request), (await params).slug, query);
  return NextResponse.json(entries, { headers: { 'Cache-Control': 'no-store' } });
});
