import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signatures } from '@/db/schema';
import type { CampaignKey } from '@/lib/crypto/campaign-keys';
import { openSigner } from './signer-data';

/** Mail about one signature (a repeat submission, a withdrawal request) goes out at most this often. */
export const REMAIL_INTERVAL_SECONDS = 60;

/**
 * Claims the right to mail the owner of a signature, found by the keyed hash of its address, if
 * it exists and was not mailed in the last minute, so that no form can be used to flood someone's
 * inbox. The conditional update makes concurrent claims yield one winner.
 */
export async function claimMailSlot(tx: Tx, key: CampaignKey, emailIndex: string) {
  const [claimed] = await tx
    .update(signatures)
    .set({ lastMailedAt: sql`now()` })
    .where(
      and(
        eq(signatures.campaignId, key.campaignId),
        eq(signatures.emailIndex, emailIndex),
        sql`(${signatures.lastMailedAt} is null or ${signatures.lastMailedAt} < now() - make_interval(secs => ${REMAIL_INTERVAL_SECONDS}))`,
      ),
    )
    .returning({ id: signatures.id, status: signatures.status, pii: signatures.pii });
  if (!claimed) return undefined;
  // Found by its address, so it has one (only paper signatures may have none).
  const email = openSigner(key, claimed.pii).email;
  return email ? { id: claimed.id, status: claimed.status, email } : undefined;
}
