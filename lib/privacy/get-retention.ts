import type { Caller } from '@/lib/auth/caller';
import { requireCampaignAccess } from '@/lib/campaigns/require-campaign-access';
import { findRetention, type Retention } from './find-retention';

/** A letter's retention policy and date, for its organisers. */
export async function getRetention(caller: Caller | null, slug: string): Promise<Retention> {
  return findRetention(await requireCampaignAccess(caller, slug));
}
