import fc from 'fast-check';
import { expect } from 'vitest';
import { ECOSOC_STATUSES, SIGNER_KINDS } from '@/db/schema/campaigns';
import type { Caller } from '@/lib/auth/caller';
import { isCountryCode } from '@/lib/countries/country-codes';
import { importRowSchema } from '@/lib/schemas/signature-import';
import { signSchema } from '@/lib/schemas/signature';
import { listSignatures, type SignatureListItem } from '@/lib/signatures/list-signatures';
import { readSigner } from './signers';

/** Generated payloads per suite (tests/integration/property/): together at least 10,000 a run. */
export const PROPERTY_RUNS = {
  signApi: 2_400,
  signForm: 1_600,
  organiser: 2_600,
  imports: 1_400,
  verify: 2_200,
} as const;
export const PROPERTY_TOTAL = Object.values(PROPERTY_RUNS).reduce((sum, n) => sum + n, 0);

/** One fixed seed per run unless FC_SEED is set, so a failure can be replayed; the seed is printed. */
export function propertyParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  console.log(`[property] fast-check seed=${seed} (replay with FC_SEED=${seed})`);
  return {
    numRuns,
    seed,
    endOnFailure: true,
    // A counterexample can hold 10,000-character strings: report it shortened.
    reporter: (details) => {
      if (!details.failed) return;
      const message = fc.defaultReportMessage(details) ?? 'property failed';
      throw new Error(message.replace(/(.)\1{80,}/gu, (run, char: string) => `${char.repeat(10)}…(${run.length} times)`).slice(0, 6_000), { cause: details.errorInstance });
    },
  };
}

// Text that has broken real forms: control and direction marks, NUL, lone surrogates, huge
// strings, look-alikes, formula starts, markup and SQL fragments (as values, never as keys).
const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\u061C',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\uFFFD',
  'x'.repeat(10_000),
  'ي'.repeat(5_000),
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table signatures; --",
  "' or '1'='1",
  '$$',
  '$K1',
  '$@0',
  '${7*7}',
  '{{7*7}}',
  '%s%s%s%n',
  '../../etc/passwd',
  'C:\\Windows\\system32',
  'Zoë Ðuković',
  'محمد الخطيب',
  'پرستو امینی\u200Cزاده',
  '李小龍',
  '𝕳𝖊𝖑𝖑𝖔',
  '👩🏽‍⚖️',
  'e\u0301',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'true',
  '0',
  '-1',
  '1e309',
];

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })).map(([a, b]) => a + b) },
);

/** Anything JSON can carry, wrong types included: numbers for strings, nested objects, arrays. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'name', '__proto__', 'constructor', 'length'), nastyString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A field that is sometimes right, sometimes missing, and otherwise anything at all. */
export function sometimes<T>(valid: fc.Arbitrary<T>, validWeight = 6): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: nastyValue });
}

/** Builds an object leaving out undefined fields, with hostile extra keys now and then. */
export function objectOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const extra = fc.option(fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'id', 'status', 'campaignId', 'zz'), nastyValue, { maxKeys: 2 }), { freq: 6 });
  return fc.tuple(fc.record(fields), extra).map(([record, more]) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
    // defineProperty: a literal "__proto__" key, as JSON.parse makes it, not a prototype change.
    for (const [key, value] of Object.entries(more ?? {})) Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** A valid object with one field replaced by anything at all, left out, or a hostile key added. */
export function withOneBadField(good: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(good, fc.constantFrom(...keys, '__proto__', 'constructor', 'isAdmin'), fc.option(nastyValue, { freq: 4 })).map(([object, key, value]) => {
    const out: Record<string, unknown> = { ...object };
    if (value === null) delete out[key];
    else Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** Valid bodies, valid bodies with one bad field, and loose ones where any field may be wrong. */
export function mixOf(good: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[], loose: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: good }, { weight: 4, arbitrary: withOneBadField(good, keys) }, { weight: 4, arbitrary: loose }, { weight: 1, arbitrary: nastyValue });
}

/** A JSON body, or now and then text that is not JSON (or not an object) at all. */
export function jsonBody(object: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: object.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '{', '[]', 'null', '"x"', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '\u0000', '{"a":1,"a":2}') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
  );
}

export const COUNTRY = fc.constantFrom('FR', 'IR', 'SY', 'CH', 'AF', 'fr', ' de ', 'XX', 'ZZ', 'EU', 'UK', '🇫🇷', 'F', 'FRA');
export const VISIBILITY = fc.constantFrom('public', 'confidential', 'counted', 'PUBLIC', 'hidden', 'anonymous');
export const KIND = fc.constantFrom(...SIGNER_KINDS, 'admin', 'Individual', 'organization');
export const ECOSOC = fc.constantFrom(...ECOSOC_STATUSES, 'observer', 'General');
export const NAME = fc.oneof(
  fc.constantFrom('Ana', 'Velez', 'Mahsa', 'Karimi', 'پرستو', 'امینی\u200Cزاده', 'عبدالله', 'José María', "O'Brien", 'Nguyễn', 'Zoë'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
);
/** Unique addresses mostly (so that rows are written), a few shared ones (the repeat path), and broken ones. */
export const EMAIL = fc.oneof(
  { weight: 6, arbitrary: fc.uuid().map((id) => `s-${id.slice(0, 13)}@example.org`) },
  { weight: 1, arbitrary: fc.constantFrom('repeat-one@example.org', 'Repeat.One+tag@Example.org', 'repeat-two@gmail.com') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'a@b',
      '@example.org',
      'x@example.org\r\nBcc: victim@example.org',
      '"quoted local"@example.org',
      'ünï@exämple.org',
      `${'a'.repeat(250)}@example.org`,
      'a\u0000@example.org',
      'x@[127.0.0.1]',
      'x@example.org ',
      ' X@EXAMPLE.ORG',
    ),
  },
);

/** Plain JSON POST to a route handler, as a client would send it. */
export function jsonRequest(url: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Request {
  return new Request(url, { method, body, headers: { 'content-type': 'application/json', ...headers } });
}

// What must never be in an answer: a stack frame, a module path, or text from the database.
const LEAKS =
  /\bat [\w.<>]+ \(|\bat .*:\d+:\d+|node_modules|\/work\/|\bfile:\/\/|\b(select|insert into|delete from|returning)\b\s+[\w"*]|violates|duplicate key|syntax error|relation "|column "|PGlite|postgres|drizzle|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read prop|undefined is not/i;

export type Answer = { status: number; body: unknown; text: string };

/** Reads an answer and holds it to the API's contract: no 5xx; a 4xx is a JSON error that says what, and only that. */
export async function cleanAnswer(response: Response, forbidden: readonly string[] = []): Promise<Answer> {
  const text = await response.text();
  const status = response.status;
  const context = `${status} ${text.slice(0, 300)}`;
  expect(status, context).toBeLessThan(500);
  let body: unknown = undefined;
  if (status >= 400) {
    expect(response.headers.get('content-type') ?? '', context).toMatch(/^application\/json/);
    body = JSON.parse(text);
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof error?.code, context).toBe('string');
    expect(typeof error?.message, context).toBe('string');
    expect(stripEchoedKeys(text), context).not.toMatch(LEAKS);
  }
  for (const secret of forbidden) expect(text.includes(secret), `${context} contains ${secret}`).toBe(false);
  return { status, body, text };
}

// A refused unknown field is named back to its sender ("Unknown field \"x\""): that is their own input.
function stripEchoedKeys(text: string): string {
  return text.replace(/Unknown field(?: \\"(?:[^"\\]|\\.)*\\")?/g, 'Unknown field');
}

/** Every signature of a campaign, read as organisers see them (the domain reader, not SQL). */
/** A listed signature with its address, which lists never carry: the test opens it from the row. */
export type StoredSignature = SignatureListItem & { email: string | null };

export async function storedSignatures(caller: Caller, slug: string): Promise<StoredSignature[]> {
  const items: StoredSignature[] = [];
  for (let page = 1; ; page++) {
    const list = await listSignatures(caller, slug, { status: 'all', page, perPage: 200 });
    for (const item of list.items) items.push({ ...item, email: (await readSigner(item.id))?.email ?? null });
    if (page >= list.pages) return items;
  }
}

/**
 * The invariants a stored signature keeps, whatever was thrown at the API: its kind, visibility
 * and status are valid, its country is a real code, and its fields parse again through the very
 * schema that let them in, unchanged (so nothing unchecked or half-normalised got stored).
 */
export function expectValidSignature(item: StoredSignature): void {
  const context = `signature ${item.id}`;
  expect(SIGNER_KINDS, context).toContain(item.kind);
  expect(['public', 'confidential', 'counted'], context).toContain(item.visibility);
  expect(['pending', 'confirmed'], context).toContain(item.status);
  expect(['online', 'paper'], context).toContain(item.source);
  expect(isCountryCode(item.country), `${context} country ${JSON.stringify(item.country)}`).toBe(true);
  expect(item.group?.members ?? 1, context).toBeGreaterThanOrEqual(1);
  if (item.source === 'online') {
    expect(item.email, context).toEqual(expect.any(String));
    expect(item.review, context).toBe((item.kind === 'notable' || item.kind === 'organisation') && item.visibility !== 'counted' ? 'pending' : 'not-needed');
  }
  const again = item.source === 'online' ? signSchema.safeParse(signInputOf(item)) : importRowSchema.safeParse(importRowOf(item));
  expect(again.error?.issues ?? [], context).toEqual([]);
  const data = again.data as Record<string, unknown>;
  const same = (stored: unknown, reparsed: unknown, field: string) => expect(reparsed ?? null, `${context} ${field}`).toEqual(stored ?? null);
  same(item.country, data.country, 'country');
  same(item.visibility, data.visibility, 'visibility');
  same(item.title, data.title, 'title');
  same(item.honorific, data.honorific, 'honorific');
  same(item.affiliation, data.affiliation, 'affiliation');
  if (item.source === 'online') {
    same(item.givenName, data.givenName, 'givenName');
    same(item.familyName, data.familyName, 'familyName');
    same(item.email, data.email, 'email');
    const organisation = data.organisation as Record<string, unknown> | undefined;
    same(item.organisation?.name, organisation?.name, 'organisation.name');
    same(item.organisation?.website, organisation?.website, 'organisation.website');
    const group = data.group as Record<string, unknown> | undefined;
    same(item.group?.label, group?.label, 'group.label');
    same(item.group?.members, group?.members, 'group.members');
  } else {
    same(item.givenName || null, data.given_name, 'given_name');
    same(item.familyName || null, data.family_name, 'family_name');
    same(item.email, data.email, 'email');
    same(item.organisation?.name, data.organisation, 'organisation');
    same(item.group?.label, data.group_label, 'group_label');
  }
}

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** A stored online signature as the sign API would have been sent it. */
function signInputOf(item: StoredSignature): Record<string, unknown> {
  return {
    kind: item.kind,
    honorific: item.honorific,
    givenName: item.givenName,
    familyName: item.familyName,
    email: item.email,
    country: item.country,
    title: item.title,
    affiliation: item.affiliation,
    organisation: item.organisation
      ? { name: item.organisation.name, country: orUndefined(item.organisation.country), website: item.organisation.website, ecosocStatus: item.organisation.ecosocStatus }
      : undefined,
    group: item.group ? { label: item.group.label, members: item.group.members, relationship: item.group.relationship } : undefined,
    visibility: item.visibility,
    consent: true,
    updates: item.wantsUpdates,
  };
}

/** A stored paper signature as the row of an import file that would make it. */
function importRowOf(item: StoredSignature): Record<string, unknown> {
  const row: Record<string, unknown> = {
    kind: item.kind,
    honorific: item.honorific,
    given_name: item.givenName || undefined,
    family_name: item.familyName || undefined,
    title: item.title,
    affiliation: item.affiliation,
    organisation: orUndefined(item.organisation?.name),
    ecosoc_status: orUndefined(item.organisation?.ecosocStatus),
    website: item.organisation?.website,
    group_label: item.group?.label,
    members: item.group ? String(item.group.members) : undefined,
    relationship: item.group?.relationship,
    country: item.country,
    visibility: item.visibility,
    email: orUndefined(item.email),
  };
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined && value !== null));
}

/** Nothing generated may have reached Object.prototype. */
export function expectNoPrototypePollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
}
