import { z } from 'zod';

// Control characters (other than tab/newline in long text) have no place in names and titles.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export const lineSchema = (max: number, label: string) =>
  z
    .string({ error: `${label} is required` })
    .transform((value) => value.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${label} is required` })
        .max(max, { error: `${label} must be at most ${max} characters` })
        .refine((value) => !CONTROL.test(value), { error: `${label} contains characters that are not allowed` }),
    );

export const optionalLineSchema = (max: number, label: string) =>
  z
    .union([z.string(), z.null()], { error: `${label} must be text` })
    .optional()
    .transform((value) => (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .max(max, { error: `${label} must be at most ${max} characters` })
        .refine((value) => !CONTROL.test(value), { error: `${label} contains characters that are not allowed` }),
    )
    .transform((value) => value || null);

// Long text keeps tabs and line breaks but no other control characters (PostgreSQL cannot even store NUL).
const LONG_TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const longTextSchema = (max: number, label: string) =>
  z
    .string({ error: `${label} is required` })
    .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${label} is required` })
        .max(max, { error: `${label} must be at most ${max.toLocaleString('en')} characters` })
        .refine((value) => !LONG_TEXT_CONTROL.test(value), { error: `${label} contains characters that are not allowed` }),
    );

/** Free search text: control characters are dropped rather than refused. */
export const searchSchema = z
  .string()
  .optional()
  .default('')
  .transform((value) => value.replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim())
  .pipe(z.string().max(100, { error: 'Search is too long' }));
