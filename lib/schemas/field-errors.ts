import { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors';

/** zod issues as `{ field: [message] }`; problems with the whole object go under "_". */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  // No prototype: a field named __proto__ or constructor is just another unknown field.
  const fields: FieldErrors = Object.create(null);
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // At the top level the unknown key is the field; deeper down, the field holding it is.
      for (const key of issue.keys) {
        if (issue.path.length) (fields[String(issue.path[0])] ??= []).push(`Unknown field "${key}"`);
        else (fields[key] ??= []).push('Unknown field');
      }
      continue;
    }
    const key = issue.path.length ? String(issue.path[0]) : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Parse or throw a 422 AppError carrying the field errors. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation', 'Some fields need attention', toFieldErrors(result.error));
  return result.data;
}
