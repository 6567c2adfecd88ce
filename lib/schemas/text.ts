import { z } from 'zod';

// Control, direction-override and invisible characters have no place in names and titles: they can
// make a delivered list read differently from what was stored. Zero-width joiners (U+200C/D) stay,
// since Persian and Indic names need them.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
const HAS_CONTENT = /[\p{L}\p{N}]/u;
// A lone surrogate cannot be stored as UTF-8, and U+FFFD is what a broken byte sequence was
// decoded to: either way the text is not what the person typed, so it is refused, not stored.
const BROKEN = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;
const brokenMessage = (label: string) => `${label} contains broken characters (invalid Unicode); please type it again`;

/** "is required" when the field is missing, "must be text" when it has the wrong type. */
export const requiredText = (label: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? `${label} is required` : `${label} must be text`;

export const lineSchema = (max: number, label: string) =>
  z
    .string({ error: requiredText(label) })
    .transform((value) => value.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${label} is required` })
        .max(max, { error: `${label} must be at most ${max} characters` })
        .refine((value) => !BROKEN.test(value), { error: brokenMessage(label), abort: true })
        .refine((value) => !CONTROL.test(value), { error: `${label} contains characters that are not allowed` })
        .refine((value) => HAS_CONTENT.test(value), { error: `${label} must contain letters or digits` }),
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
        .refine((value) => !BROKEN.test(value), { error: brokenMessage(label), abort: true })
        .refine((value) => !CONTROL.test(value), { error: `${label} contains characters that are not allowed` }),
    )
    .transform((value) => value || null);

// Long text keeps tabs and line breaks but no other control characters (PostgreSQL cannot even store NUL).
const LONG_TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const longTextSchema = (max: number, label: string) =>
  z
    .string({ error: requiredText(label) })
    .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${label} is required` })
        .max(max, { error: `${label} must be at most ${max.toLocaleString('en')} characters` })
        .refine((value) => !BROKEN.test(value), { error: brokenMessage(label), abort: true })
        .refine((value) => !LONG_TEXT_CONTROL.test(value), { error: `${label} contains characters that are not allowed` }),
    );

/** Optional long text (a note, an answer received): the same characters as longTextSchema; empty is null. */
export const optionalLongTextSchema = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, { error: `${label} must be at most ${max.toLocaleString('en')} characters` })
        .refine((value) => !BROKEN.test(value), { error: brokenMessage(label), abort: true })
        .refine((value) => !LONG_TEXT_CONTROL.test(value), { error: `${label} contains characters that are not allowed` }),
    )
    .transform((value) => value || null);

/** Free search text: control characters are dropped rather than refused. */
export const searchSchema = z
  .string()
  .optional()
  .default('')
  .transform((value) => value.replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim())
  .pipe(z.string().max(100, { error: 'Search is too long' }));
