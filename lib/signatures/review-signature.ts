import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { ReviewedFields } from '@/db/schema/signatures';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { titleIn } from '@/lib/campaigns/campaign-views';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { revalidateLetterPage } from '@/lib/campaigns/revalidate-letter-page';
import { findCampaignKey, getCampaignKey } from '@/lib/crypto/campaign-keys';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { reviewSchema } from '@/lib/schemas/review';
import { parseInput } from '@/lib/schemas/field-errors';
import { appendCountDeltas } from './append-count-deltas';
import { countsTowardTotal } from './counted';
import { createWithdrawLink } from './create-withdraw-link';
import { openSignerOrThrow, sealSigner, type SignerData } from './signer-data';

export type ReviewOutcome = { id: string; review: 'approved' | 'rejected'; corrected: (keyof ReviewedFields)[] };

/**
 * An editor or owner approves a notable or organisation signature (optionally correcting its
 * spelling, keeping what the signer typed) or rejects it with a reason the signer is mailed.
 * Approved ones are named where their visibility allows; rejected ones neither count nor appear.
 * The conditional update lets one of two concurrent decisions win; the other is told.
 */
export async function reviewSignature(caller: Caller | null, slug: string, id: string, input: unknown): Promise<ReviewOutcome> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const { decision, reason, corrections } = parseInput(reviewSchema, input);
  // Before the transaction: a key is never made inside one (see getCampaignKey).
  const key = await getCampaignKey(campaign.id);
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(signatures)
      .where(and(eq(signatures.id, id), eq(signatures.campaignId, campaign.id)))
      .for('update');
    if (!row) throw new AppError('not_found', 'Signature not found');
    if (row.review === 'not-needed') throw new AppError('conflict', 'This signature does not need review');
    if (row.status !== 'confirmed') throw new AppError('conflict', 'This signature is not confirmed yet; review it once the signer has confirmed');
    if (row.review === 'rejected') throw new AppError('conflict', 'This signature was already rejected');
    if (decision === 'approve' && row.review === 'approved' && !corrections) return { id, review: 'approved' as const, corrected: [] };
    const signer = openSignerOrThrow(key, row.pii);

    if (decision === 'reject') {
      await tx
        .update(signatures)
        .set({ review: 'rejected', reviewedAt: sql`now()`, reviewedBy: caller!.userId, reviewReason: reason })
        .where(and(eq(signatures.id, id), inArray(signatures.review, ['pending', 'approved'])));
      if (countsTowardTotal(row)) await appendCountDeltas(tx, campaign.id, [row], -1);
      if (signer.email) {
        await enqueueMail(
          tx,
          signer.email,
          {
            kind: 'signature-rejected',
            locale: row.consentLocale,
            title: titleIn(campaign, row.consentLocale),
            reason: reason!,
            url: `${getEnv().baseUrl}/c/${campaign.slug}`,
            withdrawUrl: await createWithdrawLink(tx, row.id),
          },
          { campaignId: campaign.id },
        );
      }
      await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'signature.review', campaignId: campaign.id, details: { signatureId: id, decision: 'reject' } });
      return { id, review: 'rejected' as const, corrected: [] };
    }

    const changes: Partial<Record<keyof ReviewedFields, string | null>> = {};
    const original: ReviewedFields = { ...(signer.originalFields ?? {}) };
    for (const [field, value] of Object.entries(corrections ?? {}) as [keyof ReviewedFields, string | null | undefined][]) {
      if (value === undefined || value === signer[field]) continue;
      if (field === 'organisationName' && row.kind !== 'organisation') continue;
      changes[field] = value;
      // The first spelling the signer typed is the one kept, however many corrections follow.
      if (!(field in original)) (original as Record<string, string | null>)[field] = signer[field];
    }
    // A correction re-seals the whole unit, the signer's own spelling inside it.
    const corrected = Object.keys(changes).length ? { pii: sealSigner(key, { ...signer, ...changes, originalFields: original } as SignerData) } : {};
    await tx
      .update(signatures)
      .set({
        ...corrected,
        review: 'approved',
        reviewedAt: sql`now()`,
        reviewedBy: caller!.userId,
        reviewReason: null,
      })
      .where(eq(signatures.id, id));
    // The corrected fields by name only: their values are a signer's name.
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'signature.review', campaignId: campaign.id, details: { signatureId: id, decision: 'approve', corrected: Object.keys(changes) } });
    return { id, review: 'approved' as const, corrected: Object.keys(changes) as (keyof ReviewedFields)[] };
  });
  revalidateLetterPage(campaign.slug);
  return outcome;
}

export type ReviewQueueItem = {
  id: string;
  kind: 'notable' | 'organisation';
  honorific: string | null;
  givenName: string;
  familyName: string;
  title: string | null;
  affiliation: string | null;
  organisationName: string | null;
  ecosocStatus: string | null;
  website: string | null;
  country: string;
  visibility: string;
  confirmedAt: string | null;
};

/** Confirmed signatures waiting for review, oldest first: what the dashboard's queue shows. */
export async function listReviewQueue(caller: Caller | null, slug: string, limit = 100): Promise<ReviewQueueItem[]> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const db = await getDb();
  const rows = await db
    .select({
      id: signatures.id,
      kind: signatures.kind,
      pii: signatures.pii,
      ecosocStatus: signatures.ecosocStatus,
      country: signatures.country,
      visibility: signatures.visibility,
      confirmedAt: signatures.confirmedAt,
    })
    .from(signatures)
    .where(and(eq(signatures.campaignId, campaign.id), eq(signatures.review, 'pending'), eq(signatures.status, 'confirmed'), sql`${signatures.invalidatedAt} is null`))
    .orderBy(signatures.confirmedAt, signatures.id)
    .limit(Math.min(Math.max(limit, 1), 500));
  const key = rows.length ? await findCampaignKey(db, campaign.id) : null;
  return rows.map(({ pii, ...row }) => {
    const signer = openSignerOrThrow(key, pii);
    return {
      ...row,
      kind: row.kind as ReviewQueueItem['kind'],
      honorific: signer.honorific,
      givenName: signer.givenName,
      familyName: signer.familyName,
      title: signer.title,
      affiliation: signer.affiliation,
      organisationName: signer.organisationName,
      website: signer.organisationWebsite,
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
    };
  });
}
