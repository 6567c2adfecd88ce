import { z } from 'zod';
import { isCountryCode } from '@/lib/countries/country-codes';
import { emailSchema } from './email';
import { lineSchema, optionalLineSchema } from './text';

export const visibilityValues = ['public', 'counted'] as const;

/** What a signer submits, from the form or the API. Unknown fields are refused. */
export const signSchema = z.strictObject({
  givenName: lineSchema(100, 'Given name'),
  familyName: lineSchema(100, 'Family name'),
  email: emailSchema,
  country: z
    .string({ error: 'Country is required' })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, { error: 'Choose a country from the list' }),
  title: optionalLineSchema(200, 'Title or affiliation'),
  visibility: z.enum(visibilityValues, { error: 'Choose how your signature is shown' }),
  consent: z.literal(true, { error: 'You must agree in order to sign' }),
  updates: z.boolean({ error: 'Updates must be true or false' }).optional().default(false),
});

export type SignInput = z.input<typeof signSchema>;
export type SignData = z.output<typeof signSchema>;
