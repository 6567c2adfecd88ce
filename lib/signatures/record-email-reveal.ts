import type { Tx } from '@/db/client';
import { emailReveals } from '@/db/schema';
import type { AuditActor } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';

/**
 * Writes down that someone was shown a signer's email address: who, which signature, when, in
 * email_reveals and in the audit log. Called last in the transaction that reads the address, so
 * no address is shown unrecorded.
 */
export async function recordEmailReveal(tx: Tx, reveal: { campaignId: string; signatureId: string; userId: string; actor: AuditActor }): Promise<void> {
  const { actor, ...row } = reveal;
  await tx.insert(emailReveals).values(row);
  await appendAuditEntry(tx, { actor, action: 'signature.email-reveal', campaignId: row.campaignId, details: { signatureId: row.signatureId } });
}
