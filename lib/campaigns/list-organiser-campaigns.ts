import { desc, eq, inArray, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, campaignShares, workspaceMembers, workspaces } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { countSignatures } from '@/lib/signatures/count-signatures';
import { accessOf, greater, lesser, type Access, type GrantedRole, type WorkspaceRole } from '@/lib/workspaces/access';
import { toOrganiserCampaign, type OrganiserCampaign } from './campaign-views';
import { requireCampaignRole } from './require-campaign-role';

export type DashboardCampaign = OrganiserCampaign & {
  /** What the caller may do with it: view, edit or own. */
  access: Access;
  workspace: { id: string; name: string };
  /** Reached through a partner workspace, not the caller's own. */
  shared: boolean;
};

/**
 * The campaigns of the caller's workspaces and those shared with them (all of them for an
 * administrator), newest first, with counts and what the caller may do with each.
 */
export async function listOrganiserCampaigns(caller: Caller | null): Promise<DashboardCampaign[]> {
  if (!caller) throw new AppError('unauthenticated', 'Sign in first');
  const db = await getDb();
  const admin = caller.isAdmin && !caller.token;
  const memberships: { workspaceId: string; role: WorkspaceRole | GrantedRole }[] = caller.token
    ? [{ workspaceId: caller.token.workspaceId, role: caller.token.role }]
    : await db.select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role }).from(workspaceMembers).where(eq(workspaceMembers.userId, caller.userId));
  const mine = new Map(memberships.map((m) => [m.workspaceId, accessOf(m.role)]));
  const ids = [...mine.keys()];
  const shares = ids.length
    ? await db
        .select({ campaignId: campaignShares.campaignId, workspaceId: campaignShares.workspaceId, role: campaignShares.role })
        .from(campaignShares)
        .where(inArray(campaignShares.workspaceId, ids))
    : [];
  const sharedAccess = new Map<string, Access>();
  for (const share of shares) {
    const access = lesser(mine.get(share.workspaceId)!, accessOf(share.role as GrantedRole));
    sharedAccess.set(share.campaignId, greater(sharedAccess.get(share.campaignId) ?? null, access)!);
  }
  if (!admin && ids.length === 0) return [];
  const rows = await db
    .select({ campaign: campaigns, workspace: { id: workspaces.id, name: workspaces.name } })
    .from(campaigns)
    .innerJoin(workspaces, eq(workspaces.id, campaigns.workspaceId))
    .where(
      admin
        ? undefined
        : or(inArray(campaigns.workspaceId, ids), sharedAccess.size ? inArray(campaigns.id, [...sharedAccess.keys()]) : undefined),
    )
    .orderBy(desc(campaigns.createdAt));
  const counts = await countSignatures(rows.map((row) => row.campaign.id));
  return rows.map(({ campaign, workspace }) => {
    const home = mine.get(campaign.workspaceId) ?? null;
    const access = admin ? 'own' : greater(home, sharedAccess.get(campaign.id) ?? null)!;
    return { ...toOrganiserCampaign(campaign, counts.get(campaign.id)!), access, workspace, shared: home === null && !admin };
  });
}

export async function getOrganiserCampaign(caller: Caller | null, slug: string): Promise<OrganiserCampaign & { access: Access }> {
  const row = await requireCampaignRole(caller, slug, 'view');
  const counts = await countSignatures([row.id]);
  return { ...toOrganiserCampaign(row, counts.get(row.id)!), access: row.access };
}
