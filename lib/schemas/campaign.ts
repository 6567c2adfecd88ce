import { z } from 'zod';
import { lineSchema, longTextSchema, optionalLineSchema } from './text';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

export const campaignLanguages = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'fa', 'it', 'de', 'nl', 'sv'] as const;

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

const campaignFields = {
  slug: slugSchema,
  title: lineSchema(200, 'Title'),
  summary: optionalLineSchema(500, 'Summary'),
  letter: letterSchema,
  addressees: listSchema('Addressees', 30).min(1, { error: 'Name at least one addressee' }),
  demands: listSchema('Demands', 30).optional(),
  organisedBy: optionalLineSchema(200, 'Organised by'),
  goal: goalSchema,
  deadline: deadlineSchema,
  language: z.enum(campaignLanguages, { error: 'Choose a supported language' }),
  translations: translationsSchema,
};

export const createCampaignSchema = z.strictObject(campaignFields);
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
