import { z } from 'zod';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import { isCountryCode } from '@/lib/countries/country-codes';

// Year 0 is a valid ISO date but not a PostgreSQL one; nothing here predates 1900 anyway.
const dateSchema = (label: string) =>
  z.iso
    .date({ error: `${label} must be a date (YYYY-MM-DD)` })
    .refine((date) => date >= '1900-01-01', { error: `${label} must be in 1900 or later` })
    .optional();

/**
 * Which signatories a document holds, from query parameters or the dashboard's form.
 * `reviewed=only` (the default) leaves out notable and organisation signatures not yet
 * approved; `all` includes them, marked as unreviewed. Rejected ones are never included.
 */
export const signatoryFiltersSchema = z
  .strictObject({
    kind: z.enum(SIGNER_KINDS, { error: 'Kind must be individual, notable, organisation or group' }).optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, { error: 'Country must be an ISO 3166-1 alpha-2 code' })
      .optional(),
    reviewed: z.enum(['only', 'all'], { error: 'Reviewed must be only or all' }).default('only'),
    source: z.enum(['online', 'paper', 'all'], { error: 'Source must be online, paper or all' }).default('all'),
    from: dateSchema('From'),
    to: dateSchema('To'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { error: 'From must not be after To', path: ['to'] });

export type SignatoryFiltersInput = z.input<typeof signatoryFiltersSchema>;
export type SignatoryFilters = z.output<typeof signatoryFiltersSchema>;
/**
 * Filters plus a fixed moment (ISO 8601): a delivery reads every document and its commitments
 * as of the same instant, so a signature confirmed meanwhile cannot be in one and not another.
 */
export type SignatoryScope = SignatoryFilters & { confirmedBefore?: string };

export const SIGNATORY_FILTERS = ['kind', 'country', 'reviewed', 'source', 'from', 'to'] as const;

/** Filters from URL query parameters (or a form's fields); empty values mean "not set". */
export function filtersFromSearchParams(params: URLSearchParams): SignatoryFiltersInput {
  const out: Record<string, string> = {};
  for (const key of SIGNATORY_FILTERS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out as SignatoryFiltersInput;
}
