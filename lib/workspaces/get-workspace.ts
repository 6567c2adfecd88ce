import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, campaignShares, users, workspaceInvitations, workspaceMembers, workspaces } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import type { Access, GrantedRole, WorkspaceRole } from './access';
import { requireWorkspaceRole } from './require-workspace-role';

export type WorkspaceDetails = {
  id: string;
  name: string;
  access: Access;
  members: { userId: string; email: string; role: WorkspaceRole; since: string }[];
  /** Open invitations; owners only (the list is for whoever manages members). */
  invitations: { id: string; email: string; role: WorkspaceRole; expiresAt: string }[];
  campaigns: { slug: string; title: string; status: 'draft' | 'published' | 'closed' }[];
  /** Campaigns of other workspaces shared with this one. */
  sharedWithUs: { slug: string; title: string; status: 'draft' | 'published' | 'closed'; role: GrantedRole; from: string }[];
};

/** A workspace's page: its people, open invitations and campaigns. Members only (and administrators). */
export async function getWorkspace(caller: Caller | null, workspaceId: string): Promise<WorkspaceDetails> {
  const workspace = await requireWorkspaceRole(caller, workspaceId, 'view');
  const db = await getDb();
  const [members, invitations, own, shared] = await Promise.all([
    db
      .select({ userId: workspaceMembers.userId, email: users.email, role: workspaceMembers.role, since: workspaceMembers.createdAt })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(eq(workspaceMembers.workspaceId, workspace.id))
      .orderBy(asc(users.email)),
    workspace.access === 'own'
      ? db
          .select({ id: workspaceInvitations.id, email: workspaceInvitations.email, role: workspaceInvitations.role, expiresAt: workspaceInvitations.expiresAt })
          .from(workspaceInvitations)
          .where(and(eq(workspaceInvitations.workspaceId, workspace.id), isNull(workspaceInvitations.acceptedAt), gt(workspaceInvitations.expiresAt, new Date())))
          .orderBy(desc(workspaceInvitations.createdAt))
      : Promise.resolve([]),
    db
      .select({ slug: campaigns.slug, title: campaigns.title, status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.workspaceId, workspace.id))
      .orderBy(desc(campaigns.createdAt)),
    db
      .select({ slug: campaigns.slug, title: campaigns.title, status: campaigns.status, role: campaignShares.role, from: workspaces.name })
      .from(campaignShares)
      .innerJoin(campaigns, eq(campaigns.id, campaignShares.campaignId))
      .innerJoin(workspaces, eq(workspaces.id, campaigns.workspaceId))
      .where(eq(campaignShares.workspaceId, workspace.id))
      .orderBy(desc(campaigns.createdAt)),
  ]);
  return {
    id: workspace.id,
    name: workspace.name,
    access: workspace.access,
    members: members.map((m) => ({ userId: m.userId, email: m.email ?? '', role: m.role, since: m.since.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
    campaigns: own,
    sharedWithUs: shared,
  };
}
