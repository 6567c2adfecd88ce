import { NextResponse } from 'next/server';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { listPublicCampaigns } from '@/lib/campaigns/get-public-campaign';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { apiRoute, readJson } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async () => {
  const campaigns = await listPublicCampaigns();
  return NextResponse.json({ campaigns, total: campaigns.length });
});

export const POST = apiRoute(async (request) => {
  const caller = await getApiCaller(request);
  const campaign = await createCampaign(caller, await readJson(request));
  return NextResponse.json({ campaign }, { status: 201, headers: { Location: `/api/v1/campaigns/${campaign.slug}` } });
});
