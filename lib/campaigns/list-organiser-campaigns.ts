import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignMembers, campaigns } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { countSignatures } from '@/lib/signatures/count-signatures';
import { toOrganiserCampaign, type OrganiserCampaign } from './campaign-views';
import { requireCampaignAccess } from './require-campaign-access';

/** The caller's campaigns (all of them for an administrator), newest first, with counts. */
export async function listOrganiserCampaigns(caller: Caller | null): Promise<OrganiserCampaign[]> {
  if (!caller) throw new AppError('unauthenticated', 'Sign in first');
  const db = await getDb();
  const rows = caller.isAdmin
    ? await db.select().from(campaigns).orderBy(desc(campaigns.createdAt))
    : await db
        .select({ campaign: campaigns })
        .from(campaigns)
        .innerJoin(campaignMembers, eq(campaignMembers.campaignId, campaigns.id))
        .where(eq(campaignMembers.userId, caller.userId))
        .orderBy(desc(campaigns.createdAt))
        .then((joined) => joined.map((j) => j.campaign));
  const counts = await countSignatures(rows.map((row) => row.id));
  return rows.map((row) => toOrganiserCampaign(row, counts.get(row.id)!));
}

export async function getOrganiserCampaign(caller: Caller | null, slug: string): Promise<OrganiserCampaign> {
  const row = await requireCampaignAccess(caller, slug);
  const counts = await countSignatures([row.id]);
  return toOrganiserCampaign(row, counts.get(row.id)!);
}
