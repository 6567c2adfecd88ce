import type { FieldErrors } from '@/lib/errors';
import { signSchema } from '@/lib/schemas/signature';
import type { SignField, SignFormValues } from './read-sign-form';

export type SignFieldError = 'required' | 'invalid';

const NESTED: Record<string, Record<string, SignField>> = {
  organisation: { '': 'organisationName', name: 'organisationName', country: 'organisationCountry', website: 'organisationWebsite', ecosocStatus: 'ecosocStatus' },
  group: { '': 'groupMembers', label: 'groupLabel', members: 'groupMembers', relationship: 'groupRelationship' },
};

const TOP: Record<string, SignField> = {
  kind: 'kind',
  honorific: 'honorific',
  givenName: 'givenName',
  familyName: 'familyName',
  email: 'email',
  affiliation: 'affiliation',
  visibility: 'visibility',
  consent: 'consent',
  updates: 'updates',
};

/**
 * A 422's field errors as the sign form's fields, each "required" (left empty) or "invalid".
 * Errors inside `organisation` and `group` are placed at the field they concern, by parsing the
 * same input again (only on this error path). Null when an error names no field of the form.
 */
export function mapSignErrors(fields: FieldErrors, input: Record<string, unknown>, values: SignFormValues): Partial<Record<SignField, SignFieldError>> | null {
  const result: Partial<Record<SignField, SignFieldError>> = {};
  const put = (field: SignField) => {
    const value = values[field];
    result[field] = value === false || String(value).trim() === '' ? 'required' : 'invalid';
  };
  for (const key of Object.keys(fields)) {
    const field = fieldOf([key], values.kind);
    if (!field) return null;
    if (key in NESTED) {
      const parsed = signSchema.safeParse(input);
      const paths = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.path[0] === key).map((issue) => issue.path);
      const nested = paths.map((path) => fieldOf(path, values.kind));
      if (nested.length === 0 || nested.includes(null)) put(field);
      for (const one of nested) if (one) put(one);
    } else put(field);
  }
  return result;
}

function fieldOf(path: readonly PropertyKey[], kind: string): SignField | null {
  const [head, sub] = path.map(String);
  if (head in NESTED) return NESTED[head][sub ?? ''] ?? null;
  // The same schema fields sit in different inputs for some kinds.
  if (head === 'title') return kind === 'notable' ? 'notableTitle' : 'title';
  if (head === 'country') return kind === 'organisation' ? 'organisationCountry' : 'country';
  return TOP[head] ?? null;
}
