import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { campaignShares, workspaces } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/schemas/field-errors';
import { grantedRoleSchema } from '@/lib/schemas/workspace';
import type { GrantedRole } from '@/lib/workspaces/access';
import { isUuid } from '@/lib/workspaces/require-workspace-role';
import { requireCampaignRole } from './require-campaign-role';

const UNKNOWN_WORKSPACE = 'No workspace has this ID: ask the partner for the ID shown on their workspace page';

export const shareCampaignSchema = z.strictObject({
  workspaceId: z.string({ error: 'Give the partner workspace’s ID' }).trim().refine(isUuid, { error: UNKNOWN_WORKSPACE }),
  role: grantedRoleSchema,
});

export type CampaignShare = { workspaceId: string; name: string; role: GrantedRole; since: string };

/**
 * An owner shares a coalition campaign with a partner workspace (by the ID the partner gives
 * them), as editor or viewer; sharing again changes the role. The partner's members reach it
 * with the lesser of that role and their own.
 */
export async function shareCampaign(caller: Caller | null, slug: string, input: unknown): Promise<CampaignShare> {
  const campaign = await requireCampaignRole(caller, slug, 'own');
  const { workspaceId, role } = parseInput(shareCampaignSchema, input);
  const db = await getDb();
  const [partner] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!partner) throw new AppError('validation', UNKNOWN_WORKSPACE, { workspaceId: [UNKNOWN_WORKSPACE] });
  if (partner.id === campaign.workspaceId) {
    throw new AppError('validation', 'This is the campaign’s own workspace', { workspaceId: ['This is the campaign’s own workspace'] });
  }
  const share = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaignShares)
      .values({ campaignId: campaign.id, workspaceId: partner.id, role, createdBy: caller!.userId })
      .onConflictDoUpdate({ target: [campaignShares.campaignId, campaignShares.workspaceId], set: { role } })
      .returning();
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'role.change', campaignId: campaign.id, workspaceId: partner.id, details: { share: role } });
    return row;
  });
  return { workspaceId: partner.id, name: partner.name, role: share.role, since: share.createdAt.toISOString() };
}

/** An owner stops sharing: the partner's members lose the campaign at once. */
export async function unshareCampaign(caller: Caller | null, slug: string, workspaceId: string): Promise<void> {
  const campaign = await requireCampaignRole(caller, slug, 'own');
  if (!isUuid(workspaceId)) throw new AppError('not_found', 'Share not found');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(campaignShares)
      .where(and(eq(campaignShares.campaignId, campaign.id), eq(campaignShares.workspaceId, workspaceId)))
      .returning({ role: campaignShares.role });
    if (gone.length) await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'role.change', campaignId: campaign.id, workspaceId, details: { share: null } });
  });
}

/** The partner workspaces a campaign is shared with. Owners only: it is theirs to manage. */
export async function listCampaignShares(caller: Caller | null, slug: string): Promise<CampaignShare[]> {
  const campaign = await requireCampaignRole(caller, slug, 'own');
  const db = await getDb();
  const rows = await db
    .select({ workspaceId: campaignShares.workspaceId, name: workspaces.name, role: campaignShares.role, since: campaignShares.createdAt })
    .from(campaignShares)
    .innerJoin(workspaces, eq(workspaces.id, campaignShares.workspaceId))
    .where(eq(campaignShares.campaignId, campaign.id))
    .orderBy(asc(workspaces.name));
  return rows.map((row) => ({ ...row, since: row.since.toISOString() }));
}
