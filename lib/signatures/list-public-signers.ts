import { and, desc, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import { SLUG_MAX, SLUG_PATTERN } from '@/lib/schemas/campaign';
import { findCampaignKey } from '@/lib/crypto/campaign-keys';
import { isCounted } from './counted';
import { tryOpenSigner } from './signer-data';

/**
 * One line of the public list, in the kind's shape: a notable person's name carries the honorific
 * and `title` their title and affiliation; an organisation is its registered name; a group its
 * label, with `members`.
 */
export type PublicSigner = { name: string; title: string | null; country: string; confirmedAt: string; members?: number };

/**
 * The latest counted signers who chose to be named, of a published or closed campaign.
 * Those who chose "counted" or "confidential", held or invalidated signatures, names an organiser
 * hid and notable or organisation entries not yet approved are never listed, and no email address
 * ever leaves this file.
 */
async function selectPublicSigners(campaign: SQL, limit: number): Promise<PublicSigner[]> {
  const db = await getDb();
  const rows = await db
    .select({
      campaignId: signatures.campaignId,
      pii: signatures.pii,
      country: signatures.country,
      confirmedAt: signatures.confirmedAt,
      kind: signatures.kind,
      organisationCountry: signatures.organisationCountry,
      members: signatures.members,
    })
    .from(signatures)
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(
      and(
        campaign,
        ne(campaigns.status, 'draft'),
        isCounted,
        eq(signatures.visibility, 'public'),
        isNull(signatures.nameHiddenAt),
        // A title or an organisation's name is shown only once an organiser has checked it.
        inArray(signatures.review, ['not-needed', 'approved']),
      ),
    )
    .orderBy(desc(signatures.confirmedAt), desc(signatures.id))
    .limit(Math.min(Math.max(limit, 1), 100));
  const key = rows.length ? await findCampaignKey(db, rows[0].campaignId) : null;
  // A public page never fails on a name it cannot open (its key destroyed): it shows nothing for it.
  return rows.flatMap(({ pii, ...rest }): PublicSigner | [] => {
    const signer = tryOpenSigner(key, pii);
    if (!signer || !pii) return [];
    const row = { ...rest, ...signer };
    const confirmedAt = row.confirmedAt!.toISOString();
    const person = `${row.givenName} ${row.familyName}`;
    switch (row.kind) {
      case 'notable':
        return { name: row.honorific ? `${row.honorific} ${person}` : person, title: joinLine(row.title, row.affiliation), country: row.country, confirmedAt };
      case 'organisation':
        return { name: row.organisationName ?? person, title: null, country: row.organisationCountry ?? row.country, confirmedAt };
      case 'group':
        return { name: row.groupLabel ?? person, title: null, country: row.country, confirmedAt, members: row.members };
      default:
        return { name: person, title: row.title, country: row.country, confirmedAt };
    }
  });
}

function joinLine(...parts: (string | null)[]): string | null {
  return parts.filter(Boolean).join(', ') || null;
}

export function listPublicSigners(campaignId: string, limit = 20): Promise<PublicSigner[]> {
  return selectPublicSigners(eq(campaigns.id, campaignId), limit);
}

/** By public slug, in one query: the letter page already has the campaign and needs only these. */
export async function listPublicSignersBySlug(slug: string, limit = 20): Promise<PublicSigner[]> {
  if (slug.length > SLUG_MAX || !SLUG_PATTERN.test(slug)) return [];
  return selectPublicSigners(eq(campaigns.slug, slug), limit);
}
