import { NextResponse } from 'next/server';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { deleteCampaign } from '@/lib/campaigns/delete-campaign';
import { AppError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => {
  const { slug } = await params;
  const campaign = await getPublicCampaign(slug);
  if (!campaign) throw new AppError('not_found', 'Campaign not found');
  return NextResponse.json({ campaign, deliveries: await listPublicDeliveries(slug) });
});

export const PATCH = apiRoute<Context>(async (request, { params }) => {
  const caller = await getApiCaller(request);
  const body = await readJson(request);
  const campaign = await updateCampaign(caller, (await params).slug, body);
  return NextResponse.json({ campaign });
});

/** Deletes the letter and destroys its key; the body repeats the slug: `{"confirm": "<slug>"}`. */
export const DELETE = apiRoute<Context>(async (request, { params }) => {
  const caller = await getApiCaller(request);
  const body = await readJson(request);
  return NextResponse.json(await deleteCampaign(caller, (await params).slug, body));
});
