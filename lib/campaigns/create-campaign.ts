import { getDb } from '@/db/client';
import { campaignMembers, campaigns } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { createCampaignSchema, type CreateCampaignInput } from '@/lib/schemas/campaign';
import { parseInput } from '@/lib/schemas/field-errors';
import { toOrganiserCampaign, type OrganiserCampaign } from './campaign-views';
import { isUniqueViolation } from '@/lib/db-errors';
import { emptySignatureCounts } from '@/lib/signatures/count-signatures';
import { recordVersion } from './record-version';

/** Creates a draft owned by the caller. Nothing is public until it is published. */
export async function createCampaign(caller: Caller | null, input: unknown): Promise<OrganiserCampaign> {
  if (!caller) throw new AppError('unauthenticated', 'Sign in first');
  const data = parseInput(createCampaignSchema, input as CreateCampaignInput);
  const db = await getDb();
  try {
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(campaigns)
        .values({
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
      await tx.insert(campaignMembers).values({ campaignId: created.id, userId: caller.userId, role: 'owner' });
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
