import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, outbox, signatures, signatureTokens } from '@/db/schema';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { parseInput } from '@/lib/schemas/field-errors';
import { requestWithdrawalSchema } from '@/lib/schemas/withdrawal';
import { canonicaliseEmail } from './canonicalise-email';
import { createToken, hashToken, isWellFormedToken } from './create-token';
import { REMAIL_INTERVAL_SECONDS } from './claim-mail-slot';
import { CONFIRMATION_DAYS } from './sign-campaign';

/**
 * Withdrawal must be as easy as signing (GDPR Art. 7(3)). The signer gives their address;
 * if it signed, a link is mailed to it. The answer is the same either way, so this form
 * cannot be used to learn who signed.
 */
export async function requestWithdrawal(slug: string, input: unknown, options: { locale: string }): Promise<{ status: 'check_inbox' }> {
  const { email } = parseInput(requestWithdrawalSchema, input);
  const db = await getDb();
  const campaign = await findCampaignBySlug(slug);
  if (!campaign || campaign.status === 'draft') throw new AppError('not_found', 'Campaign not found');

  await db.transaction(async (tx) => {
    const [signature] = await tx
      .select({ id: signatures.id, email: signatures.email })
      .from(signatures)
      .where(and(eq(signatures.campaignId, campaign.id), eq(signatures.emailCanonical, canonicaliseEmail(email))))
      .for('update')
      .limit(1);
    if (!signature) return;
    // At most one withdrawal mail a minute per signature (the row lock above serialises requests),
    // so the form cannot flood an inbox; signing a moment ago does not count against it.
    const [recent] = await tx
      .select({ id: signatureTokens.signatureId })
      .from(signatureTokens)
      .where(
        and(
          eq(signatureTokens.signatureId, signature.id),
          eq(signatureTokens.purpose, 'withdraw'),
          sql`${signatureTokens.createdAt} > now() - make_interval(secs => ${REMAIL_INTERVAL_SECONDS})`,
        ),
      )
      .limit(1);
    if (recent) return;
    const { token, tokenHash } = createToken();
    await tx.insert(signatureTokens).values({
      tokenHash,
      signatureId: signature.id,
      purpose: 'withdraw',
      expiresAt: sql`now() + make_interval(days => ${CONFIRMATION_DAYS})`,
    });
    await enqueueMail(tx, signature.email, {
      kind: 'withdraw-signature',
      locale: options.locale,
      title: campaign.translations[options.locale]?.title ?? campaign.title,
      url: `${getEnv().baseUrl}/withdraw/${token}`,
    });
  });
  return { status: 'check_inbox' };
}

export type WithdrawOutcome = 'withdrawn' | 'expired' | 'not-found';

async function findWithdrawal(token: string) {
  if (!isWellFormedToken(token)) return undefined;
  const db = await getDb();
  const [row] = await db
    .select({
      signatureId: signatures.id,
      email: signatures.email,
      expired: sql<boolean>`${signatureTokens.expiresAt} <= now()`,
      campaignSlug: campaigns.slug,
      campaignTitle: campaigns.title,
    })
    .from(signatureTokens)
    .innerJoin(signatures, eq(signatures.id, signatureTokens.signatureId))
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(and(eq(signatureTokens.tokenHash, hashToken(token)), eq(signatureTokens.purpose, 'withdraw')))
    .limit(1);
  return row;
}

/** What the withdrawal page shows on GET; it changes nothing (mail scanners follow links). */
export async function getWithdrawal(
  token: string,
): Promise<{ outcome: 'ready' | 'expired' | 'not-found'; campaign?: { slug: string; title: string } }> {
  const row = await findWithdrawal(token);
  if (!row) return { outcome: 'not-found' };
  const campaign = { slug: row.campaignSlug, title: row.campaignTitle };
  return { outcome: row.expired ? 'expired' : 'ready', campaign };
}

/**
 * Erases the signature: the row, its tokens and the mails about it. A second click finds
 * nothing left, which is the answer the signer wanted.
 */
export async function withdrawSignature(token: string): Promise<WithdrawOutcome> {
  const row = await findWithdrawal(token);
  if (!row) return 'not-found';
  if (row.expired) return 'expired';
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(signatures).where(eq(signatures.id, row.signatureId));
    await tx
      .delete(outbox)
      .where(
        and(
          eq(outbox.toAddress, row.email),
          inArray(outbox.kind, ['confirm-signature', 'already-signed', 'withdraw-signature']),
          eq(outbox.status, 'sent'),
        ),
      );
  });
  return 'withdrawn';
}
