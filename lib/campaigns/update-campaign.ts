import { eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry, type AuditAction } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { isUniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import { checkCampaignRules, updateCampaignSchema, type UpdateCampaignInput } from '@/lib/schemas/campaign';
import { parseInput } from '@/lib/schemas/field-errors';
import { countSignatures } from '@/lib/signatures/count-signatures';
import { toOrganiserCampaign, type CampaignRow, type OrganiserCampaign } from './campaign-views';
import { recordVersion } from './record-version';
import { requireCampaignRole } from './require-campaign-role';
import { revalidateLetterPage } from './revalidate-letter-page';

/** The message of a refusal that names fields; the dashboard recognises it. */
export const FROZEN_FIELDS_MESSAGE = 'Some fields cannot change';

/** The fields that make up what people sign; changing any of them after a signature makes a new version. */
const SIGNED_FIELDS = ['title', 'letter', 'demands', 'addressees'] as const;

/**
 * Edits, publishes or closes a campaign, and refreshes its cached public page. Once anyone has
 * signed, a change to the signed text (title, letter, demands, addressees) becomes a new
 * version and the old one stays readable: each signature keeps the version it was given on.
 * The slug is frozen once published (links to it are out in the world). Editors edit; publishing,
 * closing and reopening are for owners (the public sees the result at once).
 */
export async function updateCampaign(caller: Caller | null, slug: string, input: unknown): Promise<OrganiserCampaign> {
  const wantsStatus = typeof input === 'object' && input !== null && (input as { status?: unknown }).status !== undefined;
  const current = await requireCampaignRole(caller, slug, wantsStatus ? 'own' : 'edit');
  const data = parseInput(updateCampaignSchema, input as UpdateCampaignInput);
  const db = await getDb();

  const fieldErrors: Record<string, string[]> = {};
  if (data.slug !== undefined && data.slug !== current.slug && current.status !== 'draft') {
    fieldErrors.slug = ['The address of a published campaign cannot change'];
  }
  const kind = data.kind ?? current.kind;
  const hrc = kind === 'hrc-statement' ? (data.hrc !== undefined ? data.hrc : current.hrc) : null;
  checkCampaignRules(
    { kind, addressees: data.addressees ?? current.addressees, language: data.language ?? current.language, hrc },
    (path, message) => (fieldErrors[path] ??= []).push(message),
  );
  if (Object.keys(fieldErrors).length) throw new AppError('validation', FROZEN_FIELDS_MESSAGE, fieldErrors);

  const contentChanged = SIGNED_FIELDS.some((field) => data[field] !== undefined && JSON.stringify(data[field]) !== JSON.stringify(current[field]));
  const { status, ...fields } = data;
  try {
    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(campaigns)
        .set({
          ...fields,
          hrc,
          ...(status ? { status } : {}),
          ...(status === 'published' && !current.publishedAt ? { publishedAt: sql`now()` } : {}),
          ...(status === 'published' ? { closedAt: null } : {}),
          ...(status === 'closed' && current.status !== 'closed' ? { closedAt: sql`now()` } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(campaigns.id, current.id))
        .returning();
      const saved = contentChanged ? await saveSignedText(tx, current, updated, caller?.userId ?? null) : updated;
      await appendAuditEntry(tx, {
        actor: actorFromCaller(caller),
        action: auditAction(current.status, status),
        campaignId: current.id,
        details: { status: { from: current.status, to: saved.status }, fields: changedFields(current, fields), version: saved.versionNumber },
      });
      return saved;
    });
    revalidateLetterPage(row.slug);
    const counts = (await countSignatures([row.id])).get(row.id)!;
    return toOrganiserCampaign(row, counts);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'This slug is already in use', { slug: ['This slug is already in use'] });
    }
    throw error;
  }
}

/** The signed text saved: as a new version once anyone may have signed, in place otherwise. */
async function saveSignedText(tx: Tx, current: CampaignRow, updated: CampaignRow, userId: string | null): Promise<CampaignRow> {
  // A published or closed letter may be signed at any moment (signing reads the version in
  // its own insert, without locking the campaign), so its text changes only by a new version.
  // A draft cannot be signed online; it is rewritten in place unless paper signatures exist.
  const [signed] = current.status === 'draft'
    ? await tx.select({ id: signatures.id }).from(signatures).where(eq(signatures.campaignId, current.id)).limit(1)
    : [{ id: 'published' }];
  const number = signed ? current.versionNumber + 1 : current.versionNumber;
  return recordVersion(tx, updated, number, userId);
}

function auditAction(from: string, to: string | undefined): AuditAction {
  if (!to || to === from) return 'campaign.edit';
  if (to === 'closed') return 'campaign.close';
  return from === 'closed' ? 'campaign.reopen' : 'campaign.publish';
}

/** The names of the fields an edit changed; their values are on the campaign and its versions. */
function changedFields(current: Record<string, unknown>, fields: Record<string, unknown>): string[] {
  return Object.keys(fields).filter((field) => fields[field] !== undefined && JSON.stringify(fields[field]) !== JSON.stringify(current[field]));
}
