import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatureImports, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';

export type ImportSummary = {
  id: string;
  description: string;
  collectedBy: string;
  collectedOn: string;
  fileName: string | null;
  fileSha256: string;
  rows: number;
  /** The organiser's email; null once their account is gone. */
  importedBy: string | null;
  createdAt: string;
};

export const importSummaryColumns = {
  id: signatureImports.id,
  description: signatureImports.description,
  collectedBy: signatureImports.collectedBy,
  collectedOn: signatureImports.collectedOn,
  fileName: signatureImports.fileName,
  fileSha256: signatureImports.fileSha256,
  rows: signatureImports.rows,
  createdAt: signatureImports.createdAt,
};

/** A campaign's paper imports, newest first, with their provenance: for its team only. */
export async function listImports(caller: Caller | null, slug: string): Promise<ImportSummary[]> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const db = await getDb();
  const rows = await db
    .select({ ...importSummaryColumns, importedBy: users.email })
    .from(signatureImports)
    .leftJoin(users, eq(users.id, signatureImports.importedBy))
    .where(eq(signatureImports.campaignId, campaign.id))
    .orderBy(desc(signatureImports.createdAt), desc(signatureImports.id));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
