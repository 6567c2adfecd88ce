import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { allows, type Access } from '@/lib/workspaces/access';
import type { CampaignRow } from './campaign-views';
import { findCampaignBySlug } from './find-campaign-by-slug';
import { resolveCampaignAccess } from './resolve-campaign-access';

export type CampaignWithAccess = CampaignRow & { access: Access };

/**
 * The campaign, if the caller may do `need` with it (see lib/workspaces/access.ts). Anyone
 * else, a viewer asking to edit included, gets the same 404 as for a campaign that does not exist.
 */
export async function requireCampaignRole(caller: Caller | null, slug: string, need: Access): Promise<CampaignWithAccess> {
  if (!caller) throw new AppError('not_found', 'Campaign not found');
  const row = await findCampaignBySlug(slug);
  if (!row) throw new AppError('not_found', 'Campaign not found');
  const access = await resolveCampaignAccess(caller, row);
  if (!allows(access, need)) throw new AppError('not_found', 'Campaign not found');
  return { ...row, access: access! };
}
