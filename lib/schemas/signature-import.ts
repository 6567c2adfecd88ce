import { z } from 'zod';
import { countrySchema, ecosocStatusSchema, familyNameSchema, givenNameSchema, groupLabelSchema, groupRelationshipSchema, honorificSchema, membersSchema, organisationNameSchema, signerKindSchema, affiliationSchema, titleSchema, visibilitySchema, websiteSchema } from './signature';
import { emailSchema } from './email';
import { lineSchema, optionalLineSchema, requiredText } from './text';

/** 5 MB of CSV (about 20,000 rows with long titles). Paper batches beyond that are split. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** Through the dashboard: the proxy refuses server-action bodies over 1 MiB (lib/http/action-request.ts). */
export const MAX_FORM_IMPORT_BYTES = 1_000_000;

/** The columns of an import file, in the order of the documented example; any order is accepted. */
export const IMPORT_COLUMNS = [
  'kind',
  'honorific',
  'given_name',
  'family_name',
  'title',
  'affiliation',
  'organisation',
  'ecosoc_status',
  'website',
  'group_label',
  'members',
  'relationship',
  'country',
  'visibility',
  'email',
  'signed_on',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A calendar date written YYYY-MM-DD, real (no 31 February) and not in the future. */
export const pastDateSchema = (label: string) =>
  z
    .string({ error: requiredText(label) })
    .trim()
    .refine((value) => ISO_DATE.test(value), { error: `${label} must be a date written YYYY-MM-DD`, abort: true })
    .refine((value) => isRealDate(value), { error: `${label} is not a real date`, abort: true })
    // A day ahead of UTC: where the paper was signed it may already be tomorrow.
    .refine((value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + 24 * 60 * 60 * 1000, { error: `${label} cannot be in the future` });

/** Where a batch of paper signatures came from; kept with the import for as long as its signatures. */
export const importProvenanceSchema = z.strictObject(
  {
    description: lineSchema(500, 'Description'),
    collectedBy: lineSchema(200, 'Collected by'),
    collectedOn: pastDateSchema('Collected on'),
  },
  { error: 'Provenance must be an object with description, collectedBy and collectedOn' },
);
export type ImportProvenance = z.output<typeof importProvenanceSchema>;

/** What previewImport and importSignatures take: the file as text (API) or as bytes (upload). */
export const importInputSchema = z.strictObject({
  // Parsed on its own afterwards, so that each of its fields is named in the errors.
  provenance: z.unknown(),
  csv: z.union([z.string(), z.instanceof(Uint8Array)], { error: 'csv must be the text of the CSV file' }),
  fileName: optionalLineSchema(255, 'File name'),
});
export type ImportInput = z.input<typeof importInputSchema>;

const onlyFor = (kind: string) => `Only ${kind === 'organisation' ? 'an organisation' : 'a group'} signature has this column; leave it empty`;

/**
 * One row of an import file, keyed by column; empty cells are left out before parsing. Each field
 * has the same definition as in the sign form. Nobody chose to be named online, so the default
 * visibility is `counted`: a paper signer is named only when the file says so.
 */
export const importRowSchema = z
  .object({
    kind: signerKindSchema.default('individual'),
    honorific: honorificSchema,
    given_name: givenNameSchema.optional(),
    family_name: familyNameSchema.optional(),
    title: titleSchema,
    affiliation: affiliationSchema,
    organisation: organisationNameSchema.optional(),
    ecosoc_status: ecosocStatusSchema.optional(),
    website: websiteSchema,
    group_label: groupLabelSchema,
    members: membersSchema.optional(),
    relationship: groupRelationshipSchema,
    country: countrySchema(),
    visibility: visibilitySchema.default('counted'),
    email: emailSchema.optional(),
    signed_on: pastDateSchema('Signed on').optional(),
  })
  .superRefine((row, ctx) => {
    const missing = (path: ImportColumn, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (row.kind === 'individual' || row.kind === 'notable') {
      if (row.given_name === undefined) missing('given_name', 'Given name is required');
      if (row.family_name === undefined) missing('family_name', 'Family name is required');
    }
    if (row.kind === 'organisation') {
      if (row.organisation === undefined) missing('organisation', 'Organisation name is required');
      if (row.ecosoc_status === undefined) missing('ecosoc_status', 'Give the ECOSOC status: general, special, roster or none');
    } else {
      if (row.organisation !== undefined) missing('organisation', onlyFor('organisation'));
      if (row.ecosoc_status !== undefined) missing('ecosoc_status', onlyFor('organisation'));
      if (row.website !== null) missing('website', onlyFor('organisation'));
    }
    if (row.kind === 'group') {
      if (row.members === undefined) missing('members', 'Give the number of people in the group');
    } else {
      if (row.group_label !== null) missing('group_label', onlyFor('group'));
      if (row.members !== undefined) missing('members', onlyFor('group'));
      if (row.relationship !== null) missing('relationship', onlyFor('group'));
    }
  });
export type ImportRowData = z.output<typeof importRowSchema>;
