import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignVersions, signatures } from '@/db/schema';
import type { Addressee } from '@/db/schema/campaigns';
import { isCounted } from '@/lib/signatures/counted';
import { findCampaignBySlug } from './find-campaign-by-slug';

export type CampaignVersion = {
  number: number;
  sha256: string;
  createdAt: string;
  title: string;
  letter: string;
  demands: string[];
  addressees: Addressee[];
  /** Confirmed signatures given on this version (the same count rule as the total). */
  signatures: number;
};

/**
 * Every version of a published or closed letter, oldest first: what each signer was shown
 * stays readable, with the hash anyone can recompute (hash-version.ts). Drafts have none in public.
 */
export async function listVersions(slug: string): Promise<{ current: number; versions: CampaignVersion[] } | null> {
  const campaign = await findCampaignBySlug(slug);
  if (!campaign || campaign.status === 'draft') return null;
  const db = await getDb();
  const rows = await db
    .select({
      number: campaignVersions.number,
      sha256: campaignVersions.sha256,
      createdAt: campaignVersions.createdAt,
      title: campaignVersions.title,
      letter: campaignVersions.letter,
      demands: campaignVersions.demands,
      addressees: campaignVersions.addressees,
      signatures: sql<number>`(select count(*) from ${signatures} where ${signatures.campaignId} = ${campaign.id}
        and ${signatures.versionNumber} = ${campaignVersions.number} and ${isCounted})::int`,
    })
    .from(campaignVersions)
    .where(eq(campaignVersions.campaignId, campaign.id))
    .orderBy(asc(campaignVersions.number));
  return {
    current: campaign.versionNumber,
    versions: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), signatures: Number(row.signatures) })),
  };
}
