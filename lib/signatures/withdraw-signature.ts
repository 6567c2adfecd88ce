import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, deliverySignatures, outbox, signatures, signatureTokens, withdrawalRequests } from '@/db/schema';
import { titleIn } from '@/lib/campaigns/campaign-views';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { findCampaignKey, getCampaignKey, type CampaignKey } from '@/lib/crypto/campaign-keys';
import { emailIndex } from '@/lib/crypto/email-index';
import { SealError } from '@/lib/crypto/seal';
import { DELIVERY_LOCK } from '@/lib/deliveries/delivery-lock';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { wakeWorker } from '@/lib/worker/wake-worker';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { parseInput } from '@/lib/schemas/field-errors';
import { requestWithdrawalSchema } from '@/lib/schemas/withdrawal';
import { canonicaliseEmail } from './canonicalise-email';
import { openWithdrawalEmail, sealWithdrawalEmail, tryOpenSigner } from './signer-data';
import { appendCountDeltas, countedColumns } from './append-count-deltas';
import { countsTowardTotal } from './counted';
import { createToken, hashToken, isWellFormedToken } from './create-token';
import { REMAIL_INTERVAL_SECONDS } from './claim-mail-slot';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { CONFIRMATION_DAYS } from './sign-campaign';

/**
 * Withdrawal must be as easy as signing (GDPR Art. 7(3)). The signer gives their address; if it
 * signed, a link is mailed to it. The request only appends a row, the same work whether or not
 * the address signed, so neither the answer nor its timing tells anyone who signed: the lookup
 * happens in the background (processWithdrawalRequests).
 */
export async function requestWithdrawal(
  slug: string,
  input: unknown,
  options: { locale: string; client?: string | null },
): Promise<{ status: 'check_inbox' }> {
  const { email } = parseInput(requestWithdrawalSchema, input);
  const campaign = await findCampaignBySlug(slug);
  if (!campaign || campaign.status === 'draft') throw new AppError('not_found', 'Campaign not found');
  await enforceLimit('withdraw-client', options.client ?? null);
  const key = await getCampaignKey(campaign.id);
  const db = await getDb();
  await db.insert(withdrawalRequests).values({ campaignId: campaign.id, sealedEmail: sealWithdrawalEmail(key, email), locale: options.locale });
  setTimeout(wakeWorker, 20);
  return { status: 'check_inbox' };
}

/**
 * Turns waiting withdrawal requests into mails: a link to each address that signed, at most
 * one a minute per signature (so the form cannot flood an inbox), nothing to the others.
 */
export async function processWithdrawalRequests(limit = 100): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const requests = await tx
      .select()
      .from(withdrawalRequests)
      .orderBy(asc(withdrawalRequests.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const request of requests) {
      // Made when the request was, so only read here; a destroyed key leaves nothing to find.
      const key = await findCampaignKey(tx, request.campaignId);
      const address = key && requestAddress(key, request);
      if (!key || !address) continue;
      const [signature] = await tx
        .select({ id: signatures.id, pii: signatures.pii, title: campaigns.title, translations: campaigns.translations })
        .from(signatures)
        .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
        .where(and(eq(signatures.campaignId, request.campaignId), eq(signatures.emailIndex, emailIndex(key, canonicaliseEmail(address)))))
        .for('update', { of: signatures })
        .limit(1);
      const email = signature && tryOpenSigner(key, signature.pii)?.email;
      if (!signature || !email) continue;
      const [recent] = await tx
        .select({ id: signatureTokens.signatureId })
        .from(signatureTokens)
        .where(
          and(
            eq(signatureTokens.signatureId, signature.id),
            eq(signatureTokens.purpose, 'withdraw'),
            sql`${signatureTokens.createdAt} > now() - make_interval(secs => ${REMAIL_INTERVAL_SECONDS})`,
            // Only links mailed on request: the long-lived ones in other mails (create-withdraw-link.ts) throttle nothing.
            sql`${signatureTokens.expiresAt} - ${signatureTokens.createdAt} <= make_interval(days => ${CONFIRMATION_DAYS})`,
          ),
        )
        .limit(1);
      if (recent) continue;
      const { token, tokenHash } = createToken();
      await tx.insert(signatureTokens).values({
        tokenHash,
        signatureId: signature.id,
        purpose: 'withdraw',
        expiresAt: sql`now() + make_interval(days => ${CONFIRMATION_DAYS})`,
      });
      await enqueueMail(
        tx,
        email,
        {
          kind: 'withdraw-signature',
          locale: request.locale,
          title: titleIn(signature, request.locale),
          url: `${getEnv().baseUrl}/withdraw/${token}`,
        },
        { campaignId: request.campaignId },
      );
    }
    if (requests.length) {
      await tx.delete(withdrawalRequests).where(inArray(withdrawalRequests.id, requests.map((r) => r.id)));
    }
    return requests.length;
  });
}

/** The address asked about: sealed, or (a request from before encryption) as it was stored. */
function requestAddress(key: CampaignKey, request: typeof withdrawalRequests.$inferSelect): string | null {
  if (!request.sealedEmail) return request.email;
  try {
    return openWithdrawalEmail(key, request.sealedEmail);
  } catch (error) {
    if (error instanceof SealError) return null;
    throw error;
  }
}

export type WithdrawOutcome = 'withdrawn' | 'expired' | 'not-found';

async function findWithdrawal(token: string) {
  if (!isWellFormedToken(token)) return undefined;
  const db = await getDb();
  const [row] = await db
    .select({
      signatureId: signatures.id,
      campaignId: signatures.campaignId,
      pii: signatures.pii,
      expired: sql<boolean>`${signatureTokens.expiresAt} <= now()`,
      campaignSlug: campaigns.slug,
      campaignTitle: campaigns.title,
    })
    .from(signatureTokens)
    .innerJoin(signatures, eq(signatures.id, signatureTokens.signatureId))
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(and(eq(signatureTokens.tokenHash, hashToken(token)), eq(signatureTokens.purpose, 'withdraw')))
    .limit(1);
  if (!row) return undefined;
  const { pii, ...rest } = row;
  // The address finds the mails about the signature, which go with it; erased data has none to find.
  const email = tryOpenSigner(await findCampaignKey(db, row.campaignId), pii)?.email ?? null;
  return { ...rest, email };
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
export async function withdrawSignature(token: string, options: { client?: string | null } = {}): Promise<WithdrawOutcome> {
  // The withdraw button spends a mailed token like the confirm button: one limit guards both from guessing.
  await enforceLimit('confirm-client', options.client ?? null);
  const row = await findWithdrawal(token);
  if (!row) return 'not-found';
  if (row.expired) return 'expired';
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(signatures)
      .where(eq(signatures.id, row.signatureId))
      .returning({
        campaignId: signatures.campaignId,
        ...countedColumns,
        status: signatures.status,
        heldReason: signatures.heldReason,
        invalidatedAt: signatures.invalidatedAt,
        review: signatures.review,
      });
    if (deleted && countsTowardTotal(deleted)) {
      await appendCountDeltas(tx, deleted.campaignId, [deleted], -1);
    }
    // Past deliveries held it: they stay as delivered, and their timeline counts it as withdrawn since.
    // The shared lock waits for a delivery being stored on this campaign, whose rows this must see.
    if (deleted) {
      await tx.execute(sql`select pg_advisory_xact_lock_shared(${DELIVERY_LOCK}, hashtext(${deleted.campaignId}))`);
      await tx.update(deliverySignatures).set({ withdrawnAt: sql`now()` }).where(eq(deliverySignatures.signatureId, row.signatureId));
    }
    await tx
      .delete(outbox)
      .where(
        and(
          eq(outbox.addressHash, mailAddressHash(row.email ?? '')),
          inArray(outbox.kind, ['confirm-signature', 'already-signed', 'withdraw-signature', 'signature-receipt']),
          inArray(outbox.status, ['sent', 'failed', 'suppressed']),
        ),
      );
  });
  return 'withdrawn';
}
