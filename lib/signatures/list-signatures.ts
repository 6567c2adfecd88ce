import type { Visibility } from '@/lib/schemas/signature';
import { and, count, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { findCampaignKey, type CampaignKey } from '@/lib/crypto/campaign-keys';
import { parseInput } from '@/lib/schemas/field-errors';
import { searchSchema } from '@/lib/schemas/text';
import { isCounted } from './counted';
import { openSignerOrThrow, type SignerData } from './signer-data';

/**
 * Names are sealed, so a search cannot be a SQL ILIKE: it opens the newest signatures page by page
 * and keeps those whose name matches, looking at no more than this many (the answer says when it
 * stopped short).
 */
export const SEARCH_SCAN_LIMIT = 50_000;
const SCAN_PAGE = 1_000;

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
): Promise<{ items: SignatureListItem[]; total: number; page: number; perPage: number; pages: number; searchCapped: boolean }> {
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
  const where = and(...conditions)!;
  const db = await getDb();
  const key = await findCampaignKey(db, campaign.id);
  const newest = async (limit: number, offset: number): Promise<Row[]> =>
    db.select().from(signatures).where(where).orderBy(desc(signatures.createdAt), desc(signatures.id)).limit(limit).offset(offset);

  let total: number;
  let items: SignatureListItem[];
  let searchCapped = false;
  if (q) {
    const found = await searchSignatures(newest, key, q);
    total = found.matches.length;
    searchCapped = found.capped;
    items = found.matches.slice((page - 1) * perPage, page * perPage);
  } else {
    const [{ n }] = await db.select({ n: count() }).from(signatures).where(where);
    total = Number(n);
    items = (await newest(perPage, (page - 1) * perPage)).map((row) => toListItem(row, openSignerOrThrow(key, row.pii)));
  }
  return { items, total, page, perPage, pages: Math.max(1, Math.ceil(total / perPage)), searchCapped };
}

type Row = typeof signatures.$inferSelect;

async function searchSignatures(
  newest: (limit: number, offset: number) => Promise<Row[]>,
  key: CampaignKey | null,
  q: string,
): Promise<{ matches: SignatureListItem[]; capped: boolean }> {
  const needle = q.toLocaleLowerCase();
  const matches: SignatureListItem[] = [];
  for (let offset = 0; offset < SEARCH_SCAN_LIMIT; offset += SCAN_PAGE) {
    const rows = await newest(SCAN_PAGE, offset);
    for (const row of rows) {
      const signer = openSignerOrThrow(key, row.pii);
      const names = [signer.givenName, signer.familyName, `${signer.givenName} ${signer.familyName}`, signer.organisationName, signer.groupLabel];
      if (names.some((name) => name?.toLocaleLowerCase().includes(needle))) matches.push(toListItem(row, signer));
    }
    if (rows.length < SCAN_PAGE) return { matches, capped: false };
  }
  return { matches, capped: true };
}

function toListItem(row: Row, signer: SignerData): SignatureListItem {
  return {
    id: row.id,
    kind: row.kind,
    review: row.review,
    reviewReason: row.reviewReason,
    originalFields: signer.originalFields ?? null,
    source: row.source,
    versionNumber: row.versionNumber,
    honorific: signer.honorific,
    affiliation: signer.affiliation,
    organisation:
      row.kind === 'organisation'
        ? { name: signer.organisationName, country: row.organisationCountry, website: signer.organisationWebsite, ecosocStatus: row.ecosocStatus }
        : null,
    group: row.kind === 'group' ? { label: signer.groupLabel, members: row.members, relationship: signer.groupRelationship } : null,
    givenName: signer.givenName,
    familyName: signer.familyName,
    hasEmail: signer.email !== null,
    title: signer.title,
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
  };
}
