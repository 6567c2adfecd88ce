import type { Readable } from 'node:stream';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { auditDownload } from '@/lib/audit/audit-download';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { AppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { parseInput } from '@/lib/schemas/field-errors';
import { signatoryFiltersSchema } from '@/lib/signatories/filters';
import { writeCsv } from './csv/write-csv';
import type { DocumentSource, DocumentWriter } from './document-source';
import { hrcStatementProblems } from './docx/hrc-statement-problems';
import { readHrcOrganisations } from './docx/read-hrc-organisations';
import { writeHrcStatement } from './docx/write-hrc-statement';
import { loadDocumentSource } from './load-document-source';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import type { SignatoryFilters } from '@/lib/signatories/filters';
import { writeOsdiJson } from './osdi-json/write-osdi-json';
import { writePdf } from './pdf/write-pdf';
import { writeXlsx } from './xlsx/write-xlsx';

export const DOCUMENT_FORMATS = ['csv', 'xlsx', 'pdf', 'docx', 'json'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const formats: Record<DocumentFormat, { contentType: string; name: string; write: DocumentWriter }> = {
  csv: { contentType: 'text/csv; charset=utf-8', name: 'signatories', write: writeCsv },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'signatories', write: writeXlsx },
  pdf: { contentType: 'application/pdf', name: 'letter', write: writePdf },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'hrc-statement', write: writeHrcStatement },
  json: { contentType: 'application/hal+json; charset=utf-8', name: 'osdi', write: writeOsdiJson },
};

export function isDocumentFormat(value: string): value is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(value);
}

export type ExportedDocument = { filename: string; contentType: string; body: Readable; signatories: number };

/** A document ready to write: every refusal already made, the signatories not yet read. */
export type PreparedDocument = {
  format: DocumentFormat;
  /** Its name inside a delivery packet, e.g. `letter.pdf`. */
  packetName: string;
  contentType: string;
  source: DocumentSource;
  write: DocumentWriter;
};

/**
 * Checks a format against the campaign (the Word form is for HRC statements; HRC rules are checked
 * with the supporters' footnote included) and loads its source. Access is the caller's to check.
 */
export async function prepareDocument(
  campaign: CampaignRow,
  format: string,
  filters: SignatoryFilters,
  options: { confirmedBefore?: Date; generatedAt?: Date } = {},
): Promise<PreparedDocument> {
  if (!isDocumentFormat(format)) throw new AppError('not_found', 'No such document format: use csv, xlsx, pdf, docx or json');
  if (format === 'docx' && campaign.kind !== 'hrc-statement') {
    throw new AppError('validation', 'The Word document follows the HRC secretariat’s form: set the campaign’s kind to HRC joint written statement first');
  }
  const source = await loadDocumentSource(campaign, filters, options);
  if (campaign.kind === 'hrc-statement' && (format === 'docx' || format === 'pdf')) await refuseBrokenHrcRules(source);
  const { contentType, name, write } = formats[format];
  return { format, packetName: `${name}.${format}`, contentType, source, write };
}

/**
 * One document of a campaign for its addressees, streamed. Everything that can refuse (access,
 * filters, the HRC rules) is checked before the first byte, so a refusal is a clean 4xx; the
 * writer then streams, and a failure midway ends the download instead of faking a whole file.
 */
export async function exportDocument(caller: Caller | null, slug: string, format: string, filtersInput: unknown): Promise<ExportedDocument> {
  // A document names every named signer, confidential ones too, and leaves the app: editors and owners only.
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  if (!isDocumentFormat(format)) throw new AppError('not_found', 'No such document format: use csv, xlsx, pdf, docx or json');
  const filters = parseInput(signatoryFiltersSchema, filtersInput);
  const { contentType, source, write } = await prepareDocument(campaign, format, filters);
  const { name } = formats[format];
  // Every download is in the audit log: who, which format and filters, and the file's SHA-256.
  const out = auditDownload({
    actor: actorFromCaller(caller),
    action: 'export',
    campaignId: campaign.id,
    details: { format, filters, signatories: source.context.counts.total, letterVersion: campaign.versionNumber },
  });
  write(source, out).catch((error) => {
    log('error', 'document export failed midway', { format, campaign: campaign.id, error: describeError(error) });
    out.destroy(error instanceof Error ? error : new Error('export failed'));
  });
  const stamp = source.context.generatedAt.toISOString().slice(0, 10);
  return {
    filename: `${campaign.slug}-${name}-v${campaign.versionNumber}-${stamp}.${format}`,
    contentType,
    body: out,
    signatories: source.context.counts.total,
  };
}

/** The HRC's rules are checked with the supporters' footnote included, as the secretariat counts. */
async function refuseBrokenHrcRules(source: DocumentSource): Promise<void> {
  const { supporters } = await readHrcOrganisations(source);
  const { errors } = hrcStatementProblems(source.context, supporters);
  if (errors.length) throw new AppError('validation', errors.join(' '), { hrc: errors });
}
