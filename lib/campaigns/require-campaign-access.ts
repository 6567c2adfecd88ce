import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignMembers } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import type { CampaignRow } from './campaign-views';
import { findCampaignBySlug } from './find-campaign-by-slug';

/**
 * The campaign, if the caller may manage it: its team, or an administrator.
 * Anyone else gets the same 404 as for a campaign that does not exist.
 */
export async function requireCampaignAccess(caller: Caller | null, slug: string): Promise<CampaignRow> {
  if (!caller) throw new AppError('not_found', 'Campaign not found');
  const db = await getDb();
  const row = await findCampaignBySlug(slug);
  if (!row) throw new AppError('not_found', 'Campaign not found');
  if (caller.isAdmin) return row;
  const [member] = await db
    .select({ userId: campaignMembers.userId })
    .from(campaignMembers)
    .where(and(eq(campaignMembers.campaignId, row.id), eq(campaignMembers.userId, caller.userId)))
    .limit(1);
  if (!member) throw new AppError('not_found', 'Campaign not found');
  return row;
}
