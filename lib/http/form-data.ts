/** A form post as a plain object: checkboxes become booleans, empty optional fields disappear. */
export function formToObject(form: FormData, booleans: string[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION') || typeof value !== 'string') continue;
    result[key] = value;
  }
  for (const key of booleans) result[key] = form.get(key) === 'on' || form.get(key) === 'true';
  return result;
}

/** One text field of a form post; a missing field or a file is undefined. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}
