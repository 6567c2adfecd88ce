import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { consentTexts, signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';

/** What a signer agreed to: the version and language stored with the signature, and that version's exact wording. */
export type ConsentRecord = {
  version: string;
  locale: string;
  consentedAt: string;
  /** Null for a paper signature (version `paper`): its consent is on the paper form the import describes. */
  text: string | null;
};

/** Paper signatures carry this version: their consent was given on a form, not on this site. */
export const PAPER_CONSENT_VERSION = 'paper';

/**
 * The consent behind each of the given signatures of a campaign, read from consent_texts, for the
 * organisers who must be able to prove it (GDPR Art. 7(1)). Signatures of other campaigns are ignored.
 */
export async function findConsentTexts(caller: Caller | null, slug: string, signatureIds: string[]): Promise<Map<string, ConsentRecord>> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const found = new Map<string, ConsentRecord>();
  if (signatureIds.length === 0) return found;
  const db = await getDb();
  const rows = await db
    .select({
      id: signatures.id,
      version: signatures.consentVersion,
      locale: signatures.consentLocale,
      consentedAt: signatures.consentedAt,
      text: consentTexts.text,
    })
    .from(signatures)
    .leftJoin(consentTexts, and(eq(consentTexts.version, signatures.consentVersion), eq(consentTexts.locale, signatures.consentLocale)))
    .where(and(eq(signatures.campaignId, campaign.id), inArray(signatures.id, signatureIds)));
  for (const row of rows) {
    found.set(row.id, { version: row.version, locale: row.locale, consentedAt: row.consentedAt.toISOString(), text: row.text });
  }
  return found;
}
