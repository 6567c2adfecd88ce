import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns } from '@/db/schema';
import { SLUG_MAX, SLUG_PATTERN } from '@/lib/schemas/campaign';
import type { CampaignRow } from './campaign-views';


/**
 * A campaign by its slug, whatever its status. Anything that cannot be a slug (NUL bytes,
 * traversal, megabytes of text from a URL) is simply not found, before it reaches the database.
 */
export async function findCampaignBySlug(slug: string): Promise<CampaignRow | undefined> {
  if (typeof slug !== 'string' || slug.length > SLUG_MAX || !SLUG_PATTERN.test(slug)) return undefined;
  const db = await getDb();
  const [row] = await db.select().from(campaigns).where(eq(campaigns.slug, slug)).limit(1);
  return row;
}
