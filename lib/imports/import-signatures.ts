import { sql } from 'drizzle-orm';
import { getDb, resultRows, type Tx } from '@/db/client';
import { signatureImports, signatures } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { isUniqueViolation } from '@/lib/db-errors';
import { appendCountDeltas, type CountedRow } from '@/lib/signatures/append-count-deltas';
import type { ImportCounts } from './count-import-rows';
import { importSummaryColumns, type ImportSummary } from './list-imports';
import { ALREADY_SIGNED, alreadyImported, prepareImport, type PreparedImport } from './prepare-import';
import type { ImportError, ImportRow } from './read-import-rows';

export type ImportResult =
  | { status: 'imported'; rows: number; errors: []; counts: ImportCounts; import: ImportSummary }
  | { status: 'invalid'; rows: number; errors: ImportError[]; counts: ImportCounts };

const INSERT_BATCH = 5_000;

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
      await appendAuditEntry(tx, {
        actor: actorFromCaller(caller),
        action: 'import',
        campaignId: prepared.campaign.id,
        details: { importId: record.id, rows: prepared.valid.length, fileSha256: prepared.sha256, collectedOn: prepared.provenance.collectedOn },
      });
      return { ...record, createdAt: record.createdAt.toISOString(), importedBy: caller?.email ?? null };
    });
    return { status: 'imported', rows, errors: [], counts, import: summary };
  } catch (error) {
    if (error instanceof SignedMeanwhile) return { status: 'invalid', rows, errors: error.errors, counts };
    if (isUniqueViolation(error)) throw alreadyImported();
    throw error;
  }
}

/**
 * One batch in one statement. The rows travel as a single JSON parameter: building thousands of
 * bound parameters costs more than the insert itself (about 0.3 s per 1,000 rows, measured).
 */
async function insertBatch(tx: Tx, prepared: PreparedImport, importId: string, batch: ImportRow[]): Promise<(CountedRow & { emailCanonical: string | null })[]> {
  const { campaign, provenance } = prepared;
  const rows = batch.map(({ data, emailCanonical }) => ({
    // Groups and organisations may come without a person's name; the columns hold '' then.
    given_name: data.given_name ?? '',
    family_name: data.family_name ?? '',
    email: data.email ?? null,
    email_canonical: emailCanonical,
    country: data.country,
    title: data.title,
    visibility: data.visibility,
    kind: data.kind,
    honorific: data.honorific,
    affiliation: data.affiliation,
    organisation_name: data.organisation ?? null,
    organisation_country: data.kind === 'organisation' ? data.country : null,
    organisation_website: data.website,
    ecosoc_status: data.ecosoc_status ?? null,
    group_label: data.group_label,
    members: data.kind === 'group' ? (data.members ?? 1) : 1,
    group_relationship: data.relationship,
    consented_at: `${data.signed_on ?? provenance.collectedOn}T00:00:00Z`,
  }));
  const result = await tx.execute(sql`
    insert into ${signatures} (campaign_id, given_name, family_name, email, email_canonical, country, title, visibility, kind,
      honorific, affiliation, organisation_name, organisation_country, organisation_website, ecosoc_status, group_label, members,
      group_relationship, review, source, import_id, version_number, consent_version, consent_locale, consented_at, status, confirmed_at)
    select ${campaign.id}::uuid, r.given_name, r.family_name, r.email, r.email_canonical, r.country, r.title,
      r.visibility::signature_visibility, r.kind::signer_kind, r.honorific, r.affiliation, r.organisation_name, r.organisation_country,
      r.organisation_website, r.ecosoc_status::ecosoc_status, r.group_label, r.members, r.group_relationship,
      'not-needed'::review_state, 'paper'::signature_source, ${importId}::uuid, ${campaign.versionNumber}::int, 'paper', ${campaign.language},
      r.consented_at, 'confirmed'::signature_status, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(given_name text, family_name text, email text, email_canonical text,
      country text, title text, visibility text, kind text, honorific text, affiliation text, organisation_name text,
      organisation_country text, organisation_website text, ecosoc_status text, group_label text, members int,
      group_relationship text, consented_at timestamptz)
    on conflict (campaign_id, email_canonical) do nothing
    returning email_canonical, country, kind, source, members`);
  return resultRows<{ email_canonical: string | null; country: string; kind: CountedRow['kind']; source: CountedRow['source']; members: number }>(result).map(
    (row) => ({ emailCanonical: row.email_canonical, country: row.country, kind: row.kind, source: row.source, members: Number(row.members) }),
  );
}
