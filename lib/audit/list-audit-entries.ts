import { count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { parseInput } from '@/lib/schemas/field-errors';
import type { AuditDetails } from './hash-audit-entry';

export const listAuditEntriesSchema = z.strictObject({
  page: z.coerce.number({ error: 'Page must be a number' }).int({ error: 'Page must be a whole number' }).min(1).max(100_000).default(1),
  perPage: z.coerce.number({ error: 'perPage must be a number' }).int().min(1).max(200).default(50),
});

export type AuditEntryView = {
  id: number;
  at: string;
  actor: { kind: 'user' | 'token' | 'system'; label: string | null };
  action: string;
  details: AuditDetails;
  hash: string;
  prevHash: string;
};

export type AuditEntryPage = { items: AuditEntryView[]; total: number; page: number; perPage: number; pages: number };

/** A campaign's audit entries, newest first, for the organisers who may manage it. Read only. */
export async function listAuditEntries(caller: Caller | null, slug: string, input: unknown = {}): Promise<AuditEntryPage> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const { page, perPage } = parseInput(listAuditEntriesSchema, input);
  const db = await getDb();
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(eq(auditLog.campaignId, campaign.id))
      .orderBy(desc(auditLog.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(auditLog).where(eq(auditLog.campaignId, campaign.id)),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: { kind: row.actorKind, label: row.actorLabel },
      action: row.action,
      details: row.details,
      hash: row.hash,
      prevHash: row.prevHash,
    })),
    total,
    page,
    perPage,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
}
