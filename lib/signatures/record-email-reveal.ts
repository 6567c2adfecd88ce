import type { Db, Tx } from '@/db/client';
import { emailReveals } from '@/db/schema';

/**
 * Writes down that someone was shown a signer's email address: who, which signature, when.
 * Called in the transaction that reads the address, so no address is shown unrecorded.
 */
export async function recordEmailReveal(tx: Tx | Db, reveal: { campaignId: string; signatureId: string; userId: string }): Promise<void> {
  await tx.insert(emailReveals).values(reveal);
}
