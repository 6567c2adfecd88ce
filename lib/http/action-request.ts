/**
 * Checks on POSTs to pages (server action calls) that proxy.ts makes before Next.js reads them.
 * Next.js answers each of these cases with a 500: a foreign Origin, a body over its size limit,
 * and arguments it cannot decode.
 */

import { isForeignRequest } from './is-foreign-request';
import { readUpTo } from './read-up-to';

/** Next.js's default `serverActions.bodySizeLimit`: past it Next.js stops reading and answers 500. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413; message: string };

const refuse = (status: Refusal['status'], message: string): Refusal => ({ status, message });

const isMultipart = (contentType: string | null) => (contentType ?? '').toLowerCase().startsWith('multipart/form-data');

/** What the headers alone decide. Requests without an Origin or Fetch Metadata (not from a browser) pass, as in Next.js. */
export function refuseByHeaders(headers: Headers): Refusal | null {
  if (isForeignRequest(headers)) return refuse(403, 'This form can only be sent from this site.');
  const length = headers.get('content-length');
  if (length !== null && Number(length) > ACTION_BODY_LIMIT) return refuse(413, 'The form is too large.');
  // React sends a call from JavaScript as multipart when an argument is a non-empty FormData,
  // and as a JSON array in text/plain otherwise (a button form with no fields): nothing else.
  const type = (headers.get('content-type') ?? '').toLowerCase();
  if (headers.has('next-action') && !isMultipart(type) && !type.startsWith('text/plain')) {
    return refuse(400, 'The form is not valid.');
  }
  return null;
}

/** Reads at most ACTION_BODY_LIMIT bytes: a body without Content-Length is cut off there. */
export async function readLimited(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array<ArrayBuffer> | Refusal> {
  return (await readUpTo(body, ACTION_BODY_LIMIT)) ?? refuse(413, 'The form is too large.');
}

const MAX_DEPTH = 16;
const ESCAPED = /^\$\$/;
const FORM_DATA = /^\$K[0-9a-f]+$/;
const PROMISE = /^\$@([0-9a-f]+)$/;

/**
 * Whether a decoded row holds only what our forms send: plain JSON whose `$`-strings are escaped
 * text (`$$…`), a FormData (`$K…`) or `$undefined`. React's reply format has many more references
 * (rows, maps, streams, server references…); a missing or malformed one makes Next.js answer 500.
 */
function isPlainRow(value: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: item, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return false;
    if (typeof item === 'string') {
      if (item.startsWith('$') && !ESCAPED.test(item) && !FORM_DATA.test(item) && item !== '$undefined') return false;
    } else if (item !== null && typeof item === 'object') {
      for (const child of Object.values(item)) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return true;
}

function parseJson(text: FormDataEntryValue | null): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * A call from JavaScript (`Next-Action` header): row `0` is the list of arguments, other rows
 * are numbered fields. Our client never outlines a row, so each one must be plain.
 */
function isValidFetchCall(form: FormData): boolean {
  const root = parseJson(form.get('0'));
  if (!root.ok || !Array.isArray(root.value)) return false;
  for (const [key, value] of form.entries()) {
    if (!/^\d+$/.test(key)) continue;
    const row = parseJson(value);
    if (!row.ok || !isPlainRow(row.value)) return false;
  }
  return true;
}

/**
 * A post without JavaScript: `$ACTION_REF_n` marks an action whose row `$ACTION_n:0` is
 * `{"id":…,"bound":"$@k"}` (or `"bound":null`), and row `$ACTION_n:k` the array of bound arguments.
 */
function isValidFormPost(form: FormData): boolean {
  for (const key of form.keys()) {
    if (!key.startsWith('$ACTION_REF_')) continue;
    const prefix = `$ACTION_${key.slice('$ACTION_REF_'.length)}:`;
    const descriptor = parseJson(form.get(`${prefix}0`));
    if (!descriptor.ok || descriptor.value === null || typeof descriptor.value !== 'object') return false;
    const { id, bound } = descriptor.value as Record<string, unknown>;
    if (typeof id !== 'string') return false;
    if (bound === null) continue;
    const row = typeof bound === 'string' ? PROMISE.exec(bound) : null;
    if (!row) return false;
    const args = parseJson(form.get(`${prefix}${parseInt(row[1], 16)}`));
    if (!args.ok || !Array.isArray(args.value) || !isPlainRow(args.value)) return false;
  }
  return true;
}

/**
 * A call from JavaScript sent as text/plain: the arguments as one JSON array of plain values.
 * Whether they are the right values is for the action (it answers 404 when they are not).
 */
export function refuseByText(text: string): Refusal | null {
  const root = parseJson(text);
  return root.ok && Array.isArray(root.value) && isPlainRow(root.value) ? null : refuse(400, 'The form is not valid.');
}

/** What the multipart body decides; `form` is the parsed body of a POST to a page. */
export function refuseByFields(form: FormData, isFetchCall: boolean): Refusal | null {
  const valid = isFetchCall ? isValidFetchCall(form) : isValidFormPost(form);
  return valid ? null : refuse(400, 'The form is not valid.');
}
