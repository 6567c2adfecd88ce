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
    .pipe(z.string().max(max, { error: `${label} must be at most ${max} characters` }))
    .transform((value) => value || null);
