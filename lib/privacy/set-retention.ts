import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { campaigns } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { parseInput } from '@/lib/schemas/field-errors';
import { findRetention, type Retention } from './find-retention';
import { MAX_RETENTION_MONTHS } from './retention-due-date';

export const retentionSchema = z.strictObject({
  months: z.coerce
    .number({ error: 'Months must be a number' })
    .int({ error: 'Months must be a whole number' })
    .min(0, { error: 'Months cannot be negative' })
    .max(MAX_RETENTION_MONTHS, { error: `Personal data can be kept at most ${MAX_RETENTION_MONTHS} months` }),
});

/**
 * Shortens or extends how long signers' personal data is kept after the letter ends (0 to 24
 * months). A data-protection decision for the letter: owners only.
 */
export async function setRetention(caller: Caller | null, slug: string, input: unknown): Promise<Retention> {
  const campaign = await requireCampaignRole(caller, slug, 'own');
  const { months } = parseInput(retentionSchema, input);
  const db = await getDb();
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx.update(campaigns).set({ retentionMonths: months }).where(eq(campaigns.id, campaign.id)).returning();
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'retention.change', campaignId: campaign.id, details: { months: { from: campaign.retentionMonths, to: months } } });
    return row;
  });
  return findRetention(updated, db);
}
