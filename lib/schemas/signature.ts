import { z } from 'zod';
import { ECOSOC_STATUSES, SIGNER_KINDS } from '@/db/schema/campaigns';
import { isCountryCode } from '@/lib/countries/country-codes';
import { emailSchema } from './email';
import { lineSchema, optionalLineSchema } from './text';

export const visibilityValues = ['public', 'confidential', 'counted'] as const;
export type Visibility = (typeof visibilityValues)[number];

export const countrySchema = (label = 'Country') =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, { error: `Choose a ${label.toLowerCase()} from the list` });

export const websiteSchema = z
  .union([z.string(), z.null()], { error: 'Website must be text' })
  .optional()
  .transform((value) => (value ?? '').trim())
  .pipe(
    z
      .string()
      .max(300, { error: 'Website must be at most 300 characters' })
      .refine((value) => value === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value.includes('://') ? value : `https://${value}`), {
        error: 'Enter the website address, e.g. https://example.org',
      }),
  )
  .transform((value) => (value === '' ? null : value.includes('://') ? value : `https://${value}`));

export const ecosocStatusSchema = z.enum(ECOSOC_STATUSES, { error: 'Choose the ECOSOC status: general, special, roster or none' });

export const signerKindSchema = z.enum(SIGNER_KINDS, { error: 'Kind must be individual, notable, organisation or group' });
export const visibilitySchema = z.enum(visibilityValues, { error: 'Choose how your signature is shown: public, confidential or counted' });
export const honorificSchema = optionalLineSchema(40, 'Honorific');
export const givenNameSchema = lineSchema(100, 'Given name');
export const familyNameSchema = lineSchema(100, 'Family name');
export const titleSchema = optionalLineSchema(300, 'Title');
export const affiliationSchema = optionalLineSchema(300, 'Affiliation');
export const organisationNameSchema = lineSchema(300, 'Organisation name');
export const groupLabelSchema = optionalLineSchema(200, 'Group name');
export const groupRelationshipSchema = optionalLineSchema(300, 'Relationship');
export const membersSchema = z.coerce
  .number({ error: 'Number of people must be a number' })
  .int({ error: 'Number of people must be a whole number' })
  .min(1, { error: 'Number of people must be at least 1' })
  .max(100_000, { error: 'Number of people must be at most 100,000' });

const organisationSchema = z.strictObject(
  {
    name: organisationNameSchema,
    country: countrySchema('Organisation country').optional(),
    website: websiteSchema,
    ecosocStatus: ecosocStatusSchema,
  },
  { error: 'Organisation must be an object with a name and ECOSOC status' },
);

const groupSchema = z.strictObject(
  {
    label: groupLabelSchema,
    members: membersSchema,
    relationship: groupRelationshipSchema,
  },
  { error: 'Group must be an object with the number of people' },
);

/**
 * What a signer submits, from the form or the API. Unknown fields are refused. For an
 * organisation, the names and email are its contact person's; a group counts as one signature.
 */
export const signSchema = z
  .strictObject({
    kind: signerKindSchema.default('individual'),
    honorific: honorificSchema,
    givenName: givenNameSchema,
    familyName: familyNameSchema,
    email: emailSchema,
    country: countrySchema(),
    title: titleSchema,
    affiliation: affiliationSchema,
    organisation: organisationSchema.optional(),
    group: groupSchema.optional(),
    // Groups are counted, not named, unless they choose otherwise.
    visibility: visibilitySchema.optional(),
    consent: z.literal(true, { error: 'You must agree in order to sign' }),
    updates: z.boolean({ error: 'Updates must be true or false' }).optional().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'organisation' && !value.organisation) {
      ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'Give the organisation’s name and ECOSOC status' });
    }
    if (value.kind === 'group' && !value.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'Give the number of people in the group' });
    if (value.kind !== 'organisation' && value.organisation) ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'Only an organisation signature has organisation details' });
    if (value.kind !== 'group' && value.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'Only a group signature has group details' });
    if (value.kind !== 'group' && !value.visibility) ctx.addIssue({ code: 'custom', path: ['visibility'], message: 'Choose how your signature is shown' });
  })
  .transform((value) => ({ ...value, visibility: value.visibility ?? ('counted' as const) }));

export type SignInput = z.input<typeof signSchema>;
export type SignData = z.output<typeof signSchema>;

/** Notable and organisation signers who are to be named are checked by an organiser first. */
export function needsReview(data: { kind: string; visibility: Visibility }): boolean {
  return (data.kind === 'notable' || data.kind === 'organisation') && data.visibility !== 'counted';
}
