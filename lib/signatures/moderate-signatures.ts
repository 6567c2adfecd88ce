import { and, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { findCampaignKey, type CampaignKey } from '@/lib/crypto/campaign-keys';
import { emailDomainIndex } from '@/lib/crypto/email-index';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/schemas/field-errors';
import { hideNameSchema, includeHeldSchema, invalidationSchema, type SignatureFilter } from '@/lib/schemas/moderation';
import { appendCountDeltas, countedColumns } from './append-count-deltas';
import { canonicaliseEmail, emailDomain } from './canonicalise-email';
import { countsTowardTotal, isCounted } from './counted';

const INVALIDATE_BATCH = 1_000;

/**
 * Includes signatures that an abuse limit held back: they count from now on (if confirmed).
 * The conditional update makes a concurrent confirmation and inclusion add one, not two.
 */
export async function includeHeldSignatures(caller: Caller | null, slug: string, input: unknown): Promise<{ included: number }> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const { ids } = parseInput(includeHeldSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(signatures)
      .set({ heldReason: null })
      .where(and(eq(signatures.campaignId, campaign.id), inArray(signatures.id, ids), isNotNull(signatures.heldReason)))
      .returning({ status: signatures.status, invalidatedAt: signatures.invalidatedAt, review: signatures.review, ...countedColumns });
    const nowCounted = rows.filter((row) => countsTowardTotal({ ...row, heldReason: null }));
    await appendCountDeltas(tx, campaign.id, nowCounted, 1);
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'signature.moderate', campaignId: campaign.id, details: { change: 'include-held', signatureIds: ids, included: rows.length } });
    return { included: rows.length };
  });
}

/** Hides (or shows again) an abusive public name: the signature still counts, but is never named in public. */
export async function hideSignerName(caller: Caller | null, slug: string, id: string, input: unknown): Promise<{ hidden: boolean }> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const { hidden } = parseInput(hideNameSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(signatures)
      .set({ nameHiddenAt: hidden ? sql`coalesce(${signatures.nameHiddenAt}, now())` : null })
      .where(and(eq(signatures.campaignId, campaign.id), eq(signatures.id, id)))
      .returning({ id: signatures.id });
    if (!row) throw new AppError('not_found', 'Signature not found');
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'signature.moderate', campaignId: campaign.id, details: { change: hidden ? 'hide-name' : 'show-name', signatureId: id } });
    return { hidden };
  });
}

function filterConditions(campaignId: string, key: CampaignKey | null, filter: SignatureFilter): SQL[] {
  const conditions: SQL[] = [eq(signatures.campaignId, campaignId), isNull(signatures.invalidatedAt)];
  if (filter.clientHash) conditions.push(eq(signatures.clientHash, filter.clientHash));
  if (filter.emailDomain) {
    // Addresses are sealed; their domains are found by keyed hash (no key yet: no signature either).
    const domain = emailDomain(canonicaliseEmail(`x@${filter.emailDomain}`));
    conditions.push(key ? eq(signatures.emailDomainIndex, emailDomainIndex(key, domain)) : sql`false`);
  }
  if (filter.country) conditions.push(eq(signatures.country, filter.country));
  if (filter.from) conditions.push(gte(signatures.createdAt, new Date(filter.from)));
  if (filter.to) conditions.push(lte(signatures.createdAt, new Date(filter.to)));
  return conditions;
}

/**
 * Invalidates every signature matching a filter (a fraud wave: one client, one domain, one
 * country in a time window). A dry run only counts; a real one works in batches so it never
 * holds a long lock, and counts follow in the same transactions.
 */
export async function invalidateSignatures(
  caller: Caller | null,
  slug: string,
  input: unknown,
): Promise<{ matched: number; counted: number; invalidated: number; dryRun: boolean }> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const { filter, reason, dryRun } = parseInput(invalidationSchema, input);
  const db = await getDb();
  const where = and(...filterConditions(campaign.id, await findCampaignKey(db, campaign.id), filter));
  const [preview] = await db
    .select({ matched: sql<number>`count(*)`, counted: sql<number>`count(*) filter (where ${isCounted})` })
    .from(signatures)
    .where(where);
  const matched = Number(preview.matched);
  const counted = Number(preview.counted);
  if (dryRun) return { matched, counted, invalidated: 0, dryRun };

  let invalidated = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const batch = db.select({ id: signatures.id }).from(signatures).where(where).limit(INVALIDATE_BATCH).for('update', { skipLocked: true });
      const rows = await tx
        .update(signatures)
        .set({ invalidatedAt: sql`now()`, invalidatedReason: reason ?? 'invalidated by an organiser' })
        .where(and(inArray(signatures.id, batch), isNull(signatures.invalidatedAt)))
        .returning({ status: signatures.status, heldReason: signatures.heldReason, review: signatures.review, ...countedColumns });
      const wasCounted = rows.filter((row) => countsTowardTotal({ ...row, invalidatedAt: null }));
      await appendCountDeltas(tx, campaign.id, wasCounted, -1);
      // Recorded with the first batch, so no signature is invalidated before the entry exists.
      if (invalidated === 0) await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'signature.invalidate', campaignId: campaign.id, details: { filter, reason: reason ?? null, matched, counted } });
      return rows.length;
    });
    invalidated += done;
    if (done < INVALIDATE_BATCH) break;
  }
  return { matched, counted, invalidated, dryRun };
}
