import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { findCampaignKey } from '@/lib/crypto/campaign-keys';
import { AppError } from '@/lib/errors';
import { recordEmailReveal } from './record-email-reveal';
import { openSignerOrThrow } from './signer-data';

/**
 * One signer's email address, for an editor or owner who asked for it (a click on "Show email").
 * Viewers never see addresses, and no list carries them; every reveal is recorded with who asked.
 * Tokens cannot reveal: addresses are shown to a person, one at a time.
 */
export async function revealSignerEmail(caller: Caller | null, slug: string, signatureId: string): Promise<{ email: string | null }> {
  if (caller?.token) throw new AppError('not_found', 'Campaign not found');
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  if (typeof signatureId !== 'string' || !/^[0-9a-f-]{36}$/i.test(signatureId)) throw new AppError('not_found', 'Signature not found');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: signatures.id, pii: signatures.pii })
      .from(signatures)
      .where(and(eq(signatures.id, signatureId), eq(signatures.campaignId, campaign.id)));
    if (!row) throw new AppError('not_found', 'Signature not found');
    const { email } = openSignerOrThrow(await findCampaignKey(tx, campaign.id), row.pii);
    if (email === null) return { email: null };
    await recordEmailReveal(tx, { campaignId: campaign.id, signatureId: row.id, userId: caller!.userId, actor: actorFromCaller(caller) });
    return { email };
  });
}
