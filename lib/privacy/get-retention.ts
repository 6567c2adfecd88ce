import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { findRetention, type Retention } from './find-retention';

/** A letter's retention policy and date, for its organisers. */
export async function getRetention(caller: Caller | null, slug: string): Promise<Retention> {
  return findRetention(await requireCampaignRole(caller, slug, 'view'));
}
