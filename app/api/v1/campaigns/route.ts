import { NextResponse } from 'next/server';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { listPublicCampaigns } from '@/lib/campaigns/get-public-campaign';
import { getCaller } from '@/lib/auth/get-caller';
import { AppError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async () => {
  const campaigns = await listPublicCampaigns();
  return NextResponse.json({ campaigns, total: campaigns.length });
});

export const POST = apiRoute(async (request) => {
  const caller = await getCaller();
  if (!caller) throw new AppError('unauthenticated', 'Sign in as an organiser first');
  const campaign = await createCampaign(caller, await readJson(request));
  return NextResponse.json({ campaign }, { status: 201, headers: { Location: `/api/v1/campaigns/${campaign.slug}` } });
});
