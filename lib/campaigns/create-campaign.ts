import { getDb } from '@/db/client';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { campaigns, workspaceMembers, workspaces } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { createCampaignSchema, type CreateCampaignInput } from '@/lib/schemas/campaign';
import { parseInput } from '@/lib/schemas/field-errors';
import { toOrganiserCampaign, type OrganiserCampaign } from './campaign-views';
import { isUniqueViolation } from '@/lib/db-errors';
import { emptySignatureCounts } from '@/lib/signatures/count-signatures';
import { insertWorkspace } from '@/lib/workspaces/create-workspace';
import { recordVersion } from './record-version';

/**
 * Creates a draft in one of the caller's workspaces where they are an editor or owner (an API
 * token: its own workspace, as an editor). An organiser with no such workspace gets a first one.
 * Nothing is public until it is published.
 */
export async function createCampaign(caller: Caller | null, input: unknown): Promise<OrganiserCampaign> {
  if (!caller) throw new AppError('unauthenticated', 'Sign in first');
  if (caller.token && caller.token.role !== 'editor') throw new AppError('not_found', 'Not found');
  const data = parseInput(createCampaignSchema, input as CreateCampaignInput);
  const db = await getDb();
  try {
    const row = await db.transaction(async (tx) => {
      const workspaceId = await chooseWorkspace(tx, caller, data.workspaceId, data.organisedBy ?? null);
      const [created] = await tx
        .insert(campaigns)
        .values({
          workspaceId,
          slug: data.slug,
          title: data.title,
          summary: data.summary,
          letter: data.letter,
          kind: data.kind,
          signerKinds: data.signerKinds,
          hrc: data.kind === 'hrc-statement' ? (data.hrc ?? null) : null,
          addressees: data.addressees,
          demands: data.demands ?? [],
          organisedBy: data.organisedBy,
          place: data.place,
          goal: data.goal ?? null,
          deadline: data.deadline ?? null,
          language: data.language,
          translations: data.translations ?? {},
          createdBy: caller.userId,
        })
        .returning();
      const row = await recordVersion(tx, created, 1, caller.userId);
      await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'campaign.create', campaignId: created.id, details: { slug: created.slug } });
      return row;
    });
    return toOrganiserCampaign(row, emptySignatureCounts());
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'This slug is already in use', { slug: ['This slug is already in use'] });
    }
    throw error;
  }
}

const NOT_YOURS = 'Choose one of your workspaces';

async function chooseWorkspace(tx: Tx, caller: Caller, requested: string | undefined, organisedBy: string | null): Promise<string> {
  if (caller.token) {
    if (requested && requested !== caller.token.workspaceId) throw new AppError('validation', NOT_YOURS, { workspaceId: [NOT_YOURS] });
    return caller.token.workspaceId;
  }
  if (requested && caller.isAdmin) {
    const [found] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, requested));
    if (found) return found.id;
  }
  const editable = await tx
    .select({ id: workspaceMembers.workspaceId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.userId, caller.userId), inArray(workspaceMembers.role, ['owner', 'editor'])));
  if (requested) {
    if (editable.some((w) => w.id === requested)) return requested;
    throw new AppError('validation', NOT_YOURS, { workspaceId: [NOT_YOURS] });
  }
  if (editable.length === 1) return editable[0].id;
  if (editable.length > 1) throw new AppError('validation', 'Choose a workspace for the campaign', { workspaceId: ['Choose a workspace for the campaign'] });
  // A first workspace, so nobody has to learn about workspaces before their first letter.
  return (await insertWorkspace(tx, caller.userId, organisedBy ?? caller.email)).id;
}
