import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { EcosocStatus, SignerKind } from '@/db/schema/campaigns';
import type { Visibility } from '@/lib/schemas/signature';
import { campaigns, signatures, signatureTokens } from '@/db/schema';
import { isAcceptingSignatures } from '@/lib/campaigns/campaign-views';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { appendCountDeltas, countedColumns } from './append-count-deltas';
import { countsTowardTotal } from './counted';
import { createToken, hashToken, isWellFormedToken } from './create-token';
import { createWithdrawLink } from './create-withdraw-link';
import { getEnv } from '@/lib/env';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { titleIn } from '@/lib/campaigns/campaign-views';
import { findCampaignKey } from '@/lib/crypto/campaign-keys';
import { tryOpenSigner } from './signer-data';

export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'expired' | 'closed' | 'not-found';
/** `receipt` only with `confirmed`: the one time it exists in clear, for the page to show once. */
export type ConfirmResult = { outcome: ConfirmOutcome; receipt?: string };

export type ConfirmationView = {
  outcome: ConfirmOutcome | 'ready';
  campaign?: { slug: string; title: string; kind: 'letter' | 'call' | 'hrc-statement'; translations: Record<string, { title: string }> };
  /** What the signer is about to confirm, shown only to the holder of the mailed link. */
  signature?: {
    kind: SignerKind;
    honorific: string | null;
    givenName: string;
    familyName: string;
    title: string | null;
    affiliation: string | null;
    country: string;
    organisation: { name: string; country: string | null; ecosocStatus: EcosocStatus | null } | null;
    group: { label: string | null; members: number; relationship: string | null } | null;
    visibility: Visibility;
    /** Whether an organiser checks the entry before it is shown. */
    review: boolean;
  };
};

async function findByToken(token: string) {
  if (!isWellFormedToken(token)) return undefined;
  const db = await getDb();
  const [row] = await db
    .select({
      signatureId: signatures.id,
      status: signatures.status,
      expiresAt: signatureTokens.expiresAt,
      expired: sql<boolean>`${signatureTokens.expiresAt} <= now()`,
      pii: signatures.pii,
      country: signatures.country,
      visibility: signatures.visibility,
      kind: signatures.kind,
      organisationCountry: signatures.organisationCountry,
      ecosocStatus: signatures.ecosocStatus,
      members: signatures.members,
      review: signatures.review,
      consentLocale: signatures.consentLocale,
      campaign: campaigns,
    })
    .from(signatureTokens)
    .innerJoin(signatures, eq(signatures.id, signatureTokens.signatureId))
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(and(eq(signatureTokens.tokenHash, hashToken(token)), eq(signatureTokens.purpose, 'confirm')))
    .limit(1);
  if (!row) return undefined;
  // Only the holder of the mailed link gets here, so the signer's own data may be opened. Data
  // whose key is gone (erased) reads as a link that leads nowhere.
  const key = await findCampaignKey(db, row.campaign.id);
  const { pii, ...rest } = row;
  const signer = tryOpenSigner(key, pii);
  return signer && { ...rest, ...signer };
}

/** What the confirmation page shows on GET. It changes nothing: mail scanners follow links. */
export async function getConfirmation(token: string): Promise<ConfirmationView> {
  const row = await findByToken(token);
  if (!row) return { outcome: 'not-found' };
  const campaign = {
    slug: row.campaign.slug,
    title: row.campaign.title,
    kind: row.campaign.kind,
    translations: Object.fromEntries(Object.entries(row.campaign.translations).map(([k, v]) => [k, { title: v.title }])),
  };
  if (row.status === 'confirmed') return { outcome: 'already-confirmed', campaign };
  if (row.expired) return { outcome: 'expired', campaign };
  if (!isAcceptingSignatures(row.campaign)) return { outcome: 'closed', campaign };
  return {
    outcome: 'ready',
    campaign,
    signature: {
      kind: row.kind,
      honorific: row.honorific,
      givenName: row.givenName,
      familyName: row.familyName,
      title: row.title,
      affiliation: row.affiliation,
      country: row.country,
      organisation:
        row.kind === 'organisation' && row.organisationName
          ? { name: row.organisationName, country: row.organisationCountry, ecosocStatus: row.ecosocStatus }
          : null,
      group: row.kind === 'group' ? { label: row.groupLabel, members: row.members, relationship: row.groupRelationship } : null,
      visibility: row.visibility,
      review: row.review === 'pending',
    },
  };
}

/**
 * Confirms the signature behind a mailed token. The conditional update makes double clicks
 * and concurrent requests count once: only the request that flips `pending` wins, the rest
 * find it already confirmed.
 */
export async function confirmSignature(token: string, options: { client?: string | null } = {}): Promise<ConfirmResult> {
  await enforceLimit('confirm-client', options.client ?? null);
  const row = await findByToken(token);
  if (!row) return { outcome: 'not-found' };
  if (row.status === 'confirmed') return { outcome: 'already-confirmed' };
  if (row.expired) return { outcome: 'expired' };
  if (!isAcceptingSignatures(row.campaign)) return { outcome: 'closed' };
  // A receipt is made like a mailed token: 32 random bytes, only the SHA-256 of its text kept,
  // which is receiptHash(receipt), the hash the browser recomputes (a test holds them equal).
  const { token: receipt, tokenHash: receiptHashHex } = createToken();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(signatures)
      .set({ status: 'confirmed', confirmedAt: sql`now()`, receiptHash: receiptHashHex })
      .where(and(eq(signatures.id, row.signatureId), eq(signatures.status, 'pending')))
      .returning({ heldReason: signatures.heldReason, invalidatedAt: signatures.invalidatedAt, review: signatures.review, ...countedColumns });
    if (!updated) return { outcome: 'already-confirmed' as const };
    // The count moves by an appended delta in the same transaction: no shared row to lock.
    if (countsTowardTotal({ status: 'confirmed', ...updated })) {
      await appendCountDeltas(tx, row.campaign.id, [updated], 1);
    }
    // The receipt travels in the fragment, which browsers never send to a server or its logs.
    if (row.email) {
      const locale = row.consentLocale;
      await enqueueMail(
        tx,
        row.email,
        {
          kind: 'signature-receipt',
          locale,
          title: titleIn(row.campaign, locale),
          url: `${getEnv().baseUrl}/verify#receipt=${receipt}`,
          withdrawUrl: await createWithdrawLink(tx, row.signatureId),
        },
        { campaignId: row.campaign.id },
      );
    }
    return { outcome: 'confirmed' as const, receipt };
  });
}
