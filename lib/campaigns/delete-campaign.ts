import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { campaigns, outbox, signatureCountDeltas, signatures } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { destroyCampaignKey } from '@/lib/crypto/campaign-keys';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { parseInput } from '@/lib/schemas/field-errors';
import { requireCampaignRole } from './require-campaign-role';
import { revalidateLetterPage } from './revalidate-letter-page';

const deleteCampaignSchema = z.object({
  confirm: z.string({ error: 'Type the letter’s address to confirm' }).trim().max(200),
});

/**
 * Deletes a letter with everything in it, and destroys its data key in the same transaction
 * (crypto-shredding): copies of its signers' encrypted fields elsewhere (replicas, old backups
 * once the master key that wrapped the key is retired) can no longer be opened. Owners only;
 * the organiser types the letter's address to confirm.
 */
export async function deleteCampaign(caller: Caller | null, slug: string, input: unknown): Promise<{ deleted: true }> {
  const campaign = await requireCampaignRole(caller, slug, 'own');
  const db = await getDb();
  const { confirm } = parseInput(deleteCampaignSchema, input);
  if (confirm !== campaign.slug) {
    throw new AppError('validation', 'Type the letter’s address to confirm', { confirm: [`Type “${campaign.slug}” to delete this letter`] });
  }
  await db.transaction(async (tx) => {
    // Mail still waiting about this letter is not sent after it is gone.
    await tx.delete(outbox).where(eq(outbox.campaignId, campaign.id));
    await tx.delete(signatureCountDeltas).where(eq(signatureCountDeltas.campaignId, campaign.id));
    // Signatures first: paper ones point at their import, which refuses to go while they exist.
    await tx.delete(signatures).where(eq(signatures.campaignId, campaign.id));
    // Deliveries, their packets and signature lists, and the wrapped key cascade with the letter;
    // this also drops this process's copy of the key.
    await destroyCampaignKey(tx, campaign.id);
    await tx.delete(campaigns).where(eq(campaigns.id, campaign.id));
    // The entry outlives the campaign: the log has no foreign key to it.
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'campaign.delete', campaignId: campaign.id, details: { slug: campaign.slug } });
  });
  revalidateLetterPage(campaign.slug);
  log('info', 'campaign deleted and its key destroyed', { campaign: campaign.id });
  return { deleted: true };
}
