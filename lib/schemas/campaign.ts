import { z } from 'zod';
import { ECOSOC_STATUSES, SIGNER_KINDS } from '@/db/schema/campaigns';
import { isHrcStatementLanguage } from '@/lib/campaigns/hrc/supporters-footnote';
import { emailSchema } from './email';
import { lineSchema, longTextSchema, optionalLineSchema } from './text';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

export const campaignLanguages = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'fa', 'it', 'de', 'nl', 'sv'] as const;
export const campaignKinds = ['letter', 'call', 'hrc-statement'] as const;

const slugSchema = z
  .string({ error: 'Slug is required' })
  .trim()
  .toLowerCase()
  .min(3, { error: 'Slug must be at least 3 characters' })
  .max(SLUG_MAX, { error: `Slug must be at most ${SLUG_MAX} characters` })
  .regex(SLUG_PATTERN, { error: 'Use lower-case letters, digits and single hyphens' })
  .refine((slug) => !['new', 'api', 'admin', 'dashboard', 'login'].includes(slug), { error: 'This slug is reserved' });

const letterSchema = longTextSchema(50_000, 'Letter');

const listSchema = (label: string, max: number) =>
  z
    .array(lineSchema(300, label), { error: `${label} must be a list of text` })
    .max(max, { error: `At most ${max} ${label.toLowerCase()}` });

const DEADLINE_MIN = '2000-01-01';
const DEADLINE_MAX = '2200-12-31';

// z.iso.date accepts year 0000, which PostgreSQL cannot store; ISO dates compare as strings.
const deadlineSchema = z
  .union([
    z.iso.date({ error: 'Deadline must be a date (YYYY-MM-DD)' }).refine((date) => date >= DEADLINE_MIN && date <= DEADLINE_MAX, {
      error: `Deadline must be between ${DEADLINE_MIN} and ${DEADLINE_MAX}`,
      // Only a well-formed date is worth a second message.
      when: ({ issues }) => issues.length === 0,
    }),
    z.null(),
  ])
  .optional();

const goalSchema = z
  .union([z.number().int({ error: 'Goal must be a whole number' }).min(1, { error: 'Goal must be at least 1' }).max(100_000_000), z.null()], {
    error: 'Goal must be a whole number',
  })
  .optional();

/** The letter in other languages; the text in `language` stays the original that people sign. */
const translationsSchema = z
  .partialRecord(
    z.enum(campaignLanguages, { error: 'Translations are keyed by a supported language code' }),
    z.strictObject({
      title: lineSchema(200, 'Translated title'),
      summary: optionalLineSchema(500, 'Translated summary'),
      letter: longTextSchema(50_000, 'Translated letter'),
      demands: listSchema('Translated demands', 30).optional(),
    }),
    { error: 'Translations must be an object keyed by language code' },
  )
  .optional();

export const addresseeObjectSchema = z.strictObject({
  name: lineSchema(300, 'Addressee name'),
  role: optionalLineSchema(300, 'Addressee role'),
  postalAddress: z
    .union([z.string(), z.null()], { error: 'Postal address must be text' })
    .optional()
    .transform((value) => (value ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(500, { error: 'Postal address must be at most 500 characters' }))
    .transform((value) => value || null),
  email: z.union([emailSchema, z.literal(''), z.null()], { error: 'Addressee email must be a valid email address' }).optional().transform((value) => value || null),
});

/** An addressee: a structured object, or a plain string taken as its name. */
const addresseeSchema = z.union([lineSchema(300, 'Addressee').transform((name) => ({ name, role: null, postalAddress: null, email: null })), addresseeObjectSchema], {
  error: 'An addressee is a name or an object with a name',
});

const addresseesSchema = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(addresseeSchema, { error: 'Addressees must be a list' }).max(30, { error: 'At most 30 addressees' }),
);

const ecosocStatusSchema = z.enum(ECOSOC_STATUSES, { error: 'ECOSOC status must be general, special, roster or none' });

export const hrcDetailsSchema = z.strictObject({
  session: z.number({ error: 'Session must be a number' }).int({ error: 'Session must be a whole number' }).min(1).max(200),
  agendaItem: z.number({ error: 'Agenda item must be a number from 1 to 10' }).int().min(1, { error: 'Agenda item must be from 1 to 10' }).max(10, { error: 'Agenda item must be from 1 to 10' }),
  sessionStartsOn: z.iso.date({ error: 'Session opening must be a date (YYYY-MM-DD)' }).refine((date) => date >= DEADLINE_MIN && date <= DEADLINE_MAX, { error: 'Session opening date is out of range' }),
  submitter: z.strictObject({
    name: lineSchema(300, 'Submitting NGO'),
    ecosocStatus: ecosocStatusSchema.refine((status) => status !== 'none', { error: 'Only an NGO with ECOSOC consultative status can submit a written statement' }),
  }, { error: 'Submitter must name the NGO and its status' }),
  contact: z.strictObject({
    name: lineSchema(200, 'Contact name'),
    email: emailSchema,
    phone: optionalLineSchema(50, 'Contact phone'),
  }, { error: 'Contact must have a name and email' }),
}, { error: 'HRC details must be an object' });
export type HrcDetailsInput = z.input<typeof hrcDetailsSchema>;

const signerKindsSchema = z
  .array(z.enum(SIGNER_KINDS, { error: 'Signer kinds are individual, notable, organisation or group' }), { error: 'Signer kinds must be a list' })
  .min(1, { error: 'Accept at least one kind of signer' })
  .transform((kinds) => SIGNER_KINDS.filter((kind) => kinds.includes(kind)));

const campaignFields = {
  slug: slugSchema,
  title: lineSchema(200, 'Title'),
  summary: optionalLineSchema(500, 'Summary'),
  letter: letterSchema,
  kind: z.enum(campaignKinds, { error: 'Kind must be letter, call or hrc-statement' }),
  signerKinds: signerKindsSchema,
  hrc: z.union([hrcDetailsSchema, z.null()]).optional(),
  addressees: addresseesSchema,
  demands: listSchema('Demands', 30).optional(),
  organisedBy: optionalLineSchema(200, 'Organised by'),
  place: optionalLineSchema(100, 'Place'),
  goal: goalSchema,
  deadline: deadlineSchema,
  language: z.enum(campaignLanguages, { error: 'Choose a supported language' }),
  translations: translationsSchema,
};

const HRC_DETAILS_MISSING = 'An HRC statement needs the session, agenda item, submitting NGO and contact';
const HRC_LANGUAGE_ONLY = 'The Human Rights Council accepts written statements in English, French or Spanish only';

type CampaignShape = { kind?: string; addressees?: unknown[]; language?: string; hrc?: unknown };

/** Rules across fields, for a new campaign or a campaign as it will be after an edit. */
export function checkCampaignRules(campaign: CampaignShape, addIssue: (path: string, message: string) => void): void {
  // A call to action may have no addressee; an HRC statement is addressed to the Council by its form.
  if (campaign.kind === 'letter' && campaign.addressees && campaign.addressees.length === 0) addIssue('addressees', 'Name at least one addressee');
  if (campaign.kind === 'hrc-statement') {
    if (!campaign.hrc) addIssue('hrc', HRC_DETAILS_MISSING);
    if (campaign.language && !isHrcStatementLanguage(campaign.language)) addIssue('language', HRC_LANGUAGE_ONLY);
  }
}

export const createCampaignSchema = z
  .strictObject({
    ...campaignFields,
    /** Which of the caller's workspaces runs it; optional while they have only one (or none yet). */
    workspaceId: z.uuid({ error: 'Choose one of your workspaces' }).optional(),
    kind: campaignFields.kind.default('letter'),
    signerKinds: signerKindsSchema.default(['individual']),
    addressees: addresseesSchema.default([]),
  })
  // Cross-field rules run even when other fields failed, so every problem is reported at once.
  .refine((value) => ruleHolds(value, 'addressees'), { path: ['addressees'], error: 'Name at least one addressee', when: () => true })
  .refine((value) => ruleHolds(value, 'hrc'), { path: ['hrc'], error: HRC_DETAILS_MISSING, when: () => true })
  .refine((value) => ruleHolds(value, 'language'), { path: ['language'], error: HRC_LANGUAGE_ONLY, when: () => true });

function ruleHolds(value: unknown, field: string): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const campaign = value as CampaignShape;
  let holds = true;
  checkCampaignRules({ ...campaign, kind: campaign.kind ?? 'letter', addressees: Array.isArray(campaign.addressees) ? campaign.addressees : [] }, (path) => {
    if (path === field) holds = false;
  });
  return holds;
}
export type CreateCampaignInput = z.input<typeof createCampaignSchema>;
export type CreateCampaignData = z.output<typeof createCampaignSchema>;

export const updateCampaignSchema = z
  .strictObject({
    ...campaignFields,
    status: z.enum(['published', 'closed'], { error: 'Status must be "published" or "closed"' }),
  })
  .partial();
export type UpdateCampaignInput = z.input<typeof updateCampaignSchema>;
export type UpdateCampaignData = z.output<typeof updateCampaignSchema>;
