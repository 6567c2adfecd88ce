import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns } from '@/db/schema';
import { countPublic } from '@/lib/signatures/count-signatures';
import { toPublicCampaign, type PublicCampaign } from './campaign-views';
import { findCampaignBySlug } from './find-campaign-by-slug';

/** A published or closed campaign by slug; drafts do not exist for the public. */
export async function getPublicCampaign(slug: string): Promise<PublicCampaign | null> {
  const row = await findCampaignBySlug(slug);
  if (!row || row.status === 'draft') return null;
  const counts = await countPublic([row.id]);
  return toPublicCampaign(row, counts.get(row.id));
}

/** Published campaigns, newest first. */
export async function listPublicCampaigns(): Promise<PublicCampaign[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(campaigns)
    .where(eq(campaigns.status, 'published'))
    .orderBy(desc(campaigns.publishedAt))
    .limit(200);
  const counts = await countPublic(rows.map((row) => row.id));
  return rows.map((row) => toPublicCampaign(row, counts.get(row.id)));
}
