import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { campaigns, campaignVersions } from '@/db/schema';
import type { CampaignRow } from './campaign-views';
import { hashVersion } from './hash-version';

/**
 * Writes the campaign's signed content as its version `number` (new, or rewritten while nobody
 * has signed it) and points the campaign at it, in the caller's transaction.
 */
export async function recordVersion(tx: Tx | Db, campaign: CampaignRow, number: number, createdBy: string | null): Promise<CampaignRow> {
  const content = { title: campaign.title, letter: campaign.letter, demands: campaign.demands, addressees: campaign.addressees };
  const sha256 = hashVersion(content);
  await tx
    .insert(campaignVersions)
    .values({ campaignId: campaign.id, number, ...content, sha256, createdBy })
    .onConflictDoUpdate({ target: [campaignVersions.campaignId, campaignVersions.number], set: { ...content, sha256 } });
  const [row] = await tx
    .update(campaigns)
    .set({ versionNumber: number, versionSha256: sha256 })
    .where(eq(campaigns.id, campaign.id))
    .returning();
  return row;
}
