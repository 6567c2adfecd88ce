import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { isUniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import { updateCampaignSchema, type UpdateCampaignInput } from '@/lib/schemas/campaign';
import { parseInput } from '@/lib/schemas/field-errors';
import { countSignatures } from '@/lib/signatures/count-signatures';
import { toOrganiserCampaign, type OrganiserCampaign } from './campaign-views';
import { requireCampaignAccess } from './require-campaign-access';
import { revalidateLetterPage } from './revalidate-letter-page';

/** The message of the refusal to change frozen fields; the dashboard recognises it. */
export const FROZEN_FIELDS_MESSAGE = 'Some fields cannot change';

/**
 * Edits, publishes or closes a campaign, and refreshes its cached public page. Once signatures
 * exist the letter is what people signed, so its text, title and demands are frozen; the slug
 * is frozen once published (links to it are out in the world).
 */
export async function updateCampaign(caller: Caller | null, slug: string, input: unknown): Promise<OrganiserCampaign> {
  const current = await requireCampaignAccess(caller, slug);
  const data = parseInput(updateCampaignSchema, input as UpdateCampaignInput);
  const counts = (await countSignatures([current.id])).get(current.id)!;
  const db = await getDb();

  const fieldErrors: Record<string, string[]> = {};
  if (data.slug !== undefined && data.slug !== current.slug && current.status !== 'draft') {
    fieldErrors.slug = ['The address of a published campaign cannot change'];
  }
  // Any signature at all, counted or not, freezes the text: someone agreed to these words.
  const [anySignature] = await db.select({ id: signatures.id }).from(signatures).where(eq(signatures.campaignId, current.id)).limit(1);
  const signed = Boolean(anySignature);
  for (const field of ['letter', 'title', 'demands'] as const) {
    const changed = data[field] !== undefined && JSON.stringify(data[field]) !== JSON.stringify(current[field]);
    if (signed && changed) fieldErrors[field] = ['People have signed this text; it can no longer change'];
  }
  if (Object.keys(fieldErrors).length) throw new AppError('validation', FROZEN_FIELDS_MESSAGE, fieldErrors);

  const { status, ...fields } = data;
  try {
    const [row] = await db
      .update(campaigns)
      .set({
        ...fields,
        ...(status ? { status } : {}),
        ...(status === 'published' && !current.publishedAt ? { publishedAt: sql`now()` } : {}),
        ...(status === 'published' ? { closedAt: null } : {}),
        ...(status === 'closed' && current.status !== 'closed' ? { closedAt: sql`now()` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(campaigns.id, current.id))
      .returning();
    revalidateLetterPage(row.slug);
    return toOrganiserCampaign(row, counts);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'This slug is already in use', { slug: ['This slug is already in use'] });
    }
    throw error;
  }
}
