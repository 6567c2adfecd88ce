import type { Visibility } from '@/lib/schemas/signature';
import { and, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { parseInput } from '@/lib/schemas/field-errors';
import { searchSchema } from '@/lib/schemas/text';
import { isCounted } from './counted';

export const listSignaturesSchema = z.object({
  status: z
    .enum(['all', 'pending', 'confirmed', 'held', 'invalidated', 'unreviewed', 'rejected'], {
      error: 'Status must be all, pending, confirmed, held, invalidated, unreviewed or rejected',
    })
    .default('all'),
  q: searchSchema,
  page: z.coerce.number({ error: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSignaturesInput = z.input<typeof listSignaturesSchema>;

export type SignatureListItem = {
  id: string;
  kind: 'individual' | 'notable' | 'organisation' | 'group';
  /** Notable and organisation signatures to be named are reviewed; the rest need none. */
  review: 'not-needed' | 'pending' | 'approved' | 'rejected';
  reviewReason: string | null;
  /** What the signer typed, for fields a reviewer corrected. */
  originalFields: Record<string, string | null> | null;
  source: 'online' | 'paper';
  /** The letter version the signer was given. */
  versionNumber: number;
  honorific: string | null;
  affiliation: string | null;
  organisation: { name: string | null; country: string | null; website: string | null; ecosocStatus: string | null } | null;
  group: { label: string | null; members: number; relationship: string | null } | null;
  givenName: string;
  familyName: string;
  /**
   * Whether the signer gave an address (a paper signature may not). The address itself is never
   * in a list: editors and owners see it one at a time (revealSignerEmail), and each time is recorded.
   */
  hasEmail: boolean;
  title: string | null;
  country: string;
  visibility: Visibility;
  wantsUpdates: boolean;
  status: 'pending' | 'confirmed';
  createdAt: string;
  confirmedAt: string | null;
  /** The abuse limits it went over, when held out of the count. */
  heldReason: string | null;
  nameHidden: boolean;
  invalidated: boolean;
  /** Keyed hash of the client address, to invalidate a flood from one client. */
  clientHash: string | null;
};

/** The organiser's view of a campaign's signatures: paged, filtered by status, searched by name. */
export async function listSignatures(
  caller: Caller | null,
  slug: string,
  input: ListSignaturesInput,
): Promise<{ items: SignatureListItem[]; total: number; page: number; perPage: number; pages: number }> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const { status, q, page, perPage } = parseInput(listSignaturesSchema, input);
  const conditions: SQL[] = [eq(signatures.campaignId, campaign.id)];
  // `confirmed` is what counts; `held` were kept out by an abuse limit; `invalidated` removed by organisers.
  if (status === 'pending') conditions.push(eq(signatures.status, 'pending'), isNull(signatures.invalidatedAt));
  if (status === 'confirmed') conditions.push(isCounted);
  if (status === 'held') conditions.push(isNotNull(signatures.heldReason), isNull(signatures.invalidatedAt));
  if (status === 'invalidated') conditions.push(isNotNull(signatures.invalidatedAt));
  if (status === 'unreviewed') conditions.push(eq(signatures.review, 'pending'), isNull(signatures.invalidatedAt));
  if (status === 'rejected') conditions.push(eq(signatures.review, 'rejected'));
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(signatures.givenName, pattern),
        ilike(signatures.familyName, pattern),
        ilike(sql`${signatures.givenName} || ' ' || ${signatures.familyName}`, pattern),
        ilike(signatures.organisationName, pattern),
        ilike(signatures.groupLabel, pattern),
      )!,
    );
  }
  const where = and(...conditions);
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(signatures).where(where);
  const rows = await db
    .select()
    .from(signatures)
    .where(where)
    .orderBy(desc(signatures.createdAt), desc(signatures.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const total = Number(n);
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      review: row.review,
      reviewReason: row.reviewReason,
      originalFields: row.originalFields ?? null,
      source: row.source,
      versionNumber: row.versionNumber,
      honorific: row.honorific,
      affiliation: row.affiliation,
      organisation:
        row.kind === 'organisation'
          ? { name: row.organisationName, country: row.organisationCountry, website: row.organisationWebsite, ecosocStatus: row.ecosocStatus }
          : null,
      group: row.kind === 'group' ? { label: row.groupLabel, members: row.members, relationship: row.groupRelationship } : null,
      givenName: row.givenName,
      familyName: row.familyName,
      hasEmail: row.email !== null,
      title: row.title,
      country: row.country,
      visibility: row.visibility,
      wantsUpdates: row.wantsUpdates,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      heldReason: row.heldReason,
      nameHidden: row.nameHiddenAt !== null,
      invalidated: row.invalidatedAt !== null,
      clientHash: row.clientHash,
    })),
    total,
    page,
    perPage,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
}
