import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { signatureTokens } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { createToken } from './create-token';

/**
 * A mailed withdrawal link lasts about as long as a signature's personal data may be kept
 * (24 months after the letter closes at most); past it, the letter's page mails a fresh one.
 */
export const WITHDRAW_LINK_DAYS = 3 * 365;

/**
 * The signer's own withdrawal link, for a mail about their signature: withdrawal must be as easy
 * as signing (GDPR Art. 7(3)). It opens a page whose button withdraws; only its hash is stored.
 */
export async function createWithdrawLink(tx: Tx | Db, signatureId: string): Promise<string> {
  const { token, tokenHash } = createToken();
  await tx.insert(signatureTokens).values({
    tokenHash,
    signatureId,
    purpose: 'withdraw',
    expiresAt: sql`now() + make_interval(days => ${WITHDRAW_LINK_DAYS})`,
  });
  return `${getEnv().baseUrl}/withdraw/${token}`;
}
