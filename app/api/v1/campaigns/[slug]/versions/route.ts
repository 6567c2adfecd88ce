import { NextResponse } from 'next/server';
import { listVersions } from '@/lib/campaigns/list-versions';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/** Public: every version of the letter's signed text with its SHA-256, oldest first. */
export const GET = apiRoute<Context>(async (_request, { params }) => {
  const found = await listVersions((await params).slug);
  if (!found) throw new AppError('not_found', 'Campaign not found');
  return NextResponse.json(found);
});
