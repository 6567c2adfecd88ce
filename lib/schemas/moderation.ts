import { z } from 'zod';
import { optionalLineSchema } from './text';

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be a date and time (ISO 8601)` }).optional();

/** Which signatures a bulk invalidation takes: every given criterion must match. */
export const signatureFilterSchema = z
  .strictObject({
    clientHash: z.string().regex(/^[0-9a-f]{32}$/, { error: 'Client hash must be the 32 hex digits shown in the signature list' }).optional(),
    emailDomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { error: 'Email domain must look like example.org' })
      .optional(),
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'Country must be an ISO 3166-1 alpha-2 code' }).optional(),
    from: instant('From'),
    to: instant('To'),
  })
  .refine((filter) => Object.values(filter).some((value) => value !== undefined), {
    error: 'Give at least one criterion: an invalidation of everything is not a filter',
  });
export type SignatureFilter = z.output<typeof signatureFilterSchema>;

export const invalidationSchema = z.strictObject({
  filter: signatureFilterSchema,
  reason: optionalLineSchema(200, 'Reason'),
  dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional().default(false),
});

export const hideNameSchema = z.strictObject({ hidden: z.boolean({ error: 'hidden must be true or false' }) });

export const includeHeldSchema = z.strictObject({
  ids: z.array(z.uuid({ error: 'Each id must be a signature id' })).min(1).max(1000, { error: 'At most 1,000 ids at a time' }),
});
