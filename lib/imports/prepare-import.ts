import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatureImports, signatures, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/schemas/field-errors';
import { importInputSchema, importProvenanceSchema, MAX_IMPORT_BYTES, type ImportProvenance } from '@/lib/schemas/signature-import';
import { countImportRows, type ImportCounts } from './count-import-rows';
import { decodeCsv } from './decode-csv';
import { sha256Hex } from '@/lib/crypto/sha256';
import { readImportRows, type ImportRow, type ImportRows } from './read-import-rows';
import { getCampaignKey, type CampaignKey } from '@/lib/crypto/campaign-keys';
import { emailIndex } from '@/lib/crypto/email-index';

export type PreparedImport = ImportRows & {
  counts: ImportCounts;
  campaign: CampaignRow;
  provenance: ImportProvenance;
  fileName: string | null;
  sha256: string;
  /** The campaign's key, fetched before the import's transaction (see getCampaignKey). */
  key: CampaignKey;
};

const LOOKUP_BATCH = 1_000;

export const ALREADY_SIGNED = 'This email address has already signed this letter (online or on paper): each person signs once';

/**
 * Everything an import checks before writing: access (a stranger gets the campaign's 404 before
 * anything is read), provenance, size, encoding, every row, and what the database already holds:
 * the same file imported before, addresses that have already signed.
 */
export async function prepareImport(caller: Caller | null, slug: string, input: unknown): Promise<PreparedImport> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  const { provenance: rawProvenance, csv, fileName } = parseInput(importInputSchema, input);
  const provenance = parseInput(importProvenanceSchema, rawProvenance);
  // Bytes are hashed as received; text as its UTF-8 bytes, which are the file's when a BOM is kept.
  const bytes = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const megabytes = (bytes.byteLength / 1024 / 1024).toFixed(1);
    throw new AppError('payload_too_large', `An import takes at most 5 MB; this file is ${megabytes} MB. Split it into smaller files.`);
  }
  const text = typeof csv === 'string' ? csv : decodeCsv(csv);
  const sha256 = sha256Hex(bytes);

  const db = await getDb();
  const [previous] = await db
    .select({ createdAt: signatureImports.createdAt, by: users.email })
    .from(signatureImports)
    .leftJoin(users, eq(users.id, signatureImports.importedBy))
    .where(and(eq(signatureImports.campaignId, campaign.id), eq(signatureImports.fileSha256, sha256)))
    .limit(1);
  if (previous) throw alreadyImported(previous.createdAt, previous.by);

  const read = readImportRows(text, campaign);
  // Who already signed is found by the keyed hash of each address: the addresses are sealed.
  const key = await getCampaignKey(campaign.id);
  const indexOf = (row: ImportRow) => (row.emailCanonical ? emailIndex(key, row.emailCanonical) : null);
  const indexes = read.valid.flatMap((row) => indexOf(row) ?? []);
  const signed = new Set<string>();
  for (let start = 0; start < indexes.length; start += LOOKUP_BATCH) {
    const found = await db
      .select({ index: signatures.emailIndex })
      .from(signatures)
      .where(and(eq(signatures.campaignId, campaign.id), inArray(signatures.emailIndex, indexes.slice(start, start + LOOKUP_BATCH))));
    for (const { index } of found) if (index) signed.add(index);
  }
  const errors = [...read.errors];
  const valid = read.valid.filter((row) => {
    const index = indexOf(row);
    if (!index || !signed.has(index)) return true;
    errors.push({ line: row.line, field: 'email', message: ALREADY_SIGNED });
    return false;
  });
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { rows: read.rows, valid, errors, counts: countImportRows(valid), campaign, provenance, fileName: fileName ?? null, sha256, key };
}

/** The 409 for a file already imported into this campaign. */
export function alreadyImported(at?: Date, by?: string | null): AppError {
  const when = at ? ` on ${at.toISOString().slice(0, 10)}${by ? ` by ${by}` : ''}` : '';
  return new AppError('conflict', `This file was already imported into this campaign${when}; nothing was imported again.`);
}
