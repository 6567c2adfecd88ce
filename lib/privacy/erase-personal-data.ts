import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, outbox, withdrawalRequests } from '@/db/schema';
import { systemActor } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import { destroyCampaignKey } from '@/lib/crypto/campaign-keys';
import { resultRows } from '@/db/client';

const BATCH = 1_000;

/**
 * Anonymises a letter's signers: every confirmed signature keeps its country, kind, visibility,
 * dates and receipt hash (so counts, documents' totals, manifests and receipts still check) and
 * loses everything that names or reaches a person; unconfirmed signatures, tokens, waiting mail
 * and stored packets go, and the campaign's data key is destroyed. Batches keep each transaction
 * short on a letter of a million signers; running it again finishes what was left.
 */
export async function erasePersonalData(campaignId: string): Promise<{ signatures: number }> {
  const db = await getDb();
  let erased = 0;
  for (;;) {
    const rows = resultRows<{ id: string }>(
      await db.execute(sql`
        update signatures set pii = null, email_index = null, client_hash = null, original_fields = null,
          given_name = null, family_name = null, email = null, email_canonical = null, title = null, honorific = null,
          affiliation = null, organisation_name = null, organisation_website = null, group_label = null, group_relationship = null
        where id in (
          select id from signatures where campaign_id = ${campaignId}::uuid and status = 'confirmed'
            and (pii is not null or email_index is not null or client_hash is not null)
          limit ${BATCH})
        returning id`),
    );
    erased += rows.length;
    if (rows.length < BATCH) break;
  }
  await db.transaction(async (tx) => {
    // Never confirmed, never counted: nothing of them is kept.
    await tx.execute(sql`delete from signatures where campaign_id = ${campaignId}::uuid and status = 'pending'`);
    await tx.execute(sql`delete from signature_tokens where signature_id in (select id from signatures where campaign_id = ${campaignId}::uuid)`);
    await tx.delete(withdrawalRequests).where(eq(withdrawalRequests.campaignId, campaignId));
    await tx.delete(outbox).where(eq(outbox.campaignId, campaignId));
    await tx.execute(sql`delete from delivery_packet_chunks where delivery_id in (select id from deliveries where campaign_id = ${campaignId}::uuid)`);
    await tx.execute(sql`update deliveries set packet_erased_at = now() where campaign_id = ${campaignId}::uuid and packet_erased_at is null`);
    await destroyCampaignKey(tx, campaignId);
    await tx.update(campaigns).set({ personalDataErasedAt: sql`now()` }).where(eq(campaigns.id, campaignId));
    await appendAuditEntry(tx, { actor: systemActor('retention'), action: 'retention.apply', campaignId, details: { signatures: erased } });
  });
  return { signatures: erased };
}
