import { and, eq, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignShares, workspaceMembers } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { accessOf, greater, lesser, type Access } from '@/lib/workspaces/access';

/**
 * What the caller may do with a campaign, or null. Administrators own everything (not through a
 * token). A token reaches its workspace's campaigns and those shared with it, within its role.
 * A person reaches their workspaces' campaigns by their role there, and a campaign shared with one
 * of their workspaces by the lesser of the share's role and theirs.
 */
export async function resolveCampaignAccess(caller: Caller | null, campaign: { id: string; workspaceId: string }): Promise<Access | null> {
  if (!caller) return null;
  if (caller.isAdmin && !caller.token) return 'own';
  const db = await getDb();
  if (caller.token) {
    const cap = accessOf(caller.token.role);
    if (caller.token.workspaceId === campaign.workspaceId) return cap;
    const [share] = await db
      .select({ role: campaignShares.role })
      .from(campaignShares)
      .where(and(eq(campaignShares.campaignId, campaign.id), eq(campaignShares.workspaceId, caller.token.workspaceId)))
      .limit(1);
    return share ? lesser(cap, accessOf(share.role)) : null;
  }
  const rows = await db
    .select({ workspaceId: workspaceMembers.workspaceId, memberRole: workspaceMembers.role, shareRole: campaignShares.role })
    .from(workspaceMembers)
    .leftJoin(campaignShares, and(eq(campaignShares.workspaceId, workspaceMembers.workspaceId), eq(campaignShares.campaignId, campaign.id)))
    .where(
      and(
        eq(workspaceMembers.userId, caller.userId),
        or(eq(workspaceMembers.workspaceId, campaign.workspaceId), sql`${campaignShares.campaignId} is not null`),
      ),
    );
  let access: Access | null = null;
  for (const row of rows) {
    const own = accessOf(row.memberRole);
    access = greater(access, row.workspaceId === campaign.workspaceId ? own : lesser(own, accessOf(row.shareRole!)));
  }
  return access;
}
