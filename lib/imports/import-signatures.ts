import { sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { signatureImports, signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { isUniqueViolation } from '@/lib/db-errors';
import { appendCountDeltas, countedColumns, type CountedRow } from '@/lib/signatures/append-count-deltas';
import type { ImportCounts } from './count-import-rows';
import { importSummaryColumns, type ImportSummary } from './list-imports';
import { ALREADY_SIGNED, alreadyImported, prepareImport, type PreparedImport } from './prepare-import';
import type { ImportError, ImportRow } from './read-import-rows';

export type ImportResult =
  | { status: 'imported'; rows: number; errors: []; counts: ImportCounts; import: ImportSummary }
  | { status: 'invalid'; rows: number; errors: ImportError[]; counts: ImportCounts };

const INSERT_BATCH = 1_000;

/** Someone signed online with one of the file's addresses between the check and the insert. */
class SignedMeanwhile extends Error {
  constructor(readonly errors: ImportError[]) {
    super('signed meanwhile');
  }
}

/**
 * Imports a file of paper or offline signatures whole or not at all: one transaction writes the
 * import with its provenance, every signature and their count deltas. Any problem in any row and
 * nothing is written. The organisers vouch for these signers, so they are confirmed and need no
 * review; no mail is sent to them. Draft and closed letters take imports too: paper is often
 * collected before a letter goes online, and arrives by post after it closes.
 */
export async function importSignatures(caller: Caller | null, slug: string, input: unknown): Promise<ImportResult> {
  const prepared = await prepareImport(caller, slug, input);
  const { rows, errors, counts } = prepared;
  if (errors.length) return { status: 'invalid', rows, errors, counts };
  const db = await getDb();
  try {
    const summary = await db.transaction(async (tx) => {
      // First, so that a second submit of the same file waits on the unique index and then fails.
      const [record] = await tx
        .insert(signatureImports)
        .values({
          campaignId: prepared.campaign.id,
          description: prepared.provenance.description,
          collectedBy: prepared.provenance.collectedBy,
          collectedOn: prepared.provenance.collectedOn,
          fileName: prepared.fileName,
          fileSha256: prepared.sha256,
          rows: prepared.valid.length,
          importedBy: caller?.userId ?? null,
        })
        .returning(importSummaryColumns);
      const inserted: CountedRow[] = [];
      for (let start = 0; start < prepared.valid.length; start += INSERT_BATCH) {
        const batch = prepared.valid.slice(start, start + INSERT_BATCH);
        const written = await insertBatch(tx, prepared, record.id, batch);
        // The unique (campaign, email) index skipped a row: that address signed online meanwhile.
        if (written.length < batch.length) {
          const kept = new Set(written.map((row) => row.emailCanonical));
          const lost = batch.filter((row) => row.emailCanonical !== null && !kept.has(row.emailCanonical));
          throw new SignedMeanwhile(lost.map((row) => ({ line: row.line, field: 'email', message: ALREADY_SIGNED })));
        }
        inserted.push(...written);
      }
      await appendCountDeltas(tx, prepared.campaign.id, inserted, 1);
      return { ...record, createdAt: record.createdAt.toISOString(), importedBy: caller?.email ?? null };
    });
    return { status: 'imported', rows, errors: [], counts, import: summary };
  } catch (error) {
    if (error instanceof SignedMeanwhile) return { status: 'invalid', rows, errors: error.errors, counts };
    if (isUniqueViolation(error)) throw alreadyImported();
    throw error;
  }
}

function insertBatch(tx: Tx, prepared: PreparedImport, importId: string, batch: ImportRow[]) {
  const { campaign, provenance } = prepared;
  return tx
    .insert(signatures)
    .values(
      batch.map(({ data, emailCanonical }) => ({
        campaignId: campaign.id,
        // Groups and organisations may come without a person's name; the columns hold '' then.
        givenName: data.given_name ?? '',
        familyName: data.family_name ?? '',
        email: data.email ?? null,
        emailCanonical,
        country: data.country,
        title: data.title,
        visibility: data.visibility,
        kind: data.kind,
        honorific: data.honorific,
        affiliation: data.affiliation,
        organisationName: data.organisation ?? null,
        organisationCountry: data.kind === 'organisation' ? data.country : null,
        organisationWebsite: data.website,
        ecosocStatus: data.ecosoc_status ?? null,
        groupLabel: data.group_label,
        members: data.kind === 'group' ? (data.members ?? 1) : 1,
        groupRelationship: data.relationship,
        review: 'not-needed' as const,
        source: 'paper' as const,
        importId,
        versionNumber: campaign.versionNumber,
        consentVersion: 'paper',
        consentLocale: campaign.language,
        consentedAt: new Date(`${data.signed_on ?? provenance.collectedOn}T00:00:00Z`),
        status: 'confirmed' as const,
        confirmedAt: sql`now()`,
      })),
    )
    .onConflictDoNothing({ target: [signatures.campaignId, signatures.emailCanonical] })
    .returning({ emailCanonical: signatures.emailCanonical, ...countedColumns });
}
