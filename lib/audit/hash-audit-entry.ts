import { sha256Hex } from '@/lib/crypto/sha256';

export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };
export type AuditDetails = { [key: string]: AuditValue };

/** The first entry's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, as stored. */
export type HashedAuditFields = {
  id: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  campaignId: string | null;
  workspaceId: string | null;
  action: string;
  details: AuditDetails;
  prevHash: string;
};

/**
 * SHA-256 (hex) of the entry's canonical form: a JSON array of its fields in a fixed order,
 * tagged with the format's version, so that the same entry always hashes the same, whichever
 * driver read it back and whatever key order jsonb gave its details.
 */
export function hashAuditEntry(entry: HashedAuditFields): string {
  return sha256Hex(
    canonicalJson([
      'undersigned-audit-v1',
      String(entry.id),
      entry.at.toISOString(),
      entry.actorKind,
      entry.actorId,
      entry.actorLabel,
      entry.campaignId,
      entry.workspaceId,
      entry.action,
      entry.details,
      entry.prevHash,
    ]),
  );
}

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace (the shape of RFC 8785):
 * one text for one value. Strings are kept exactly as given, never normalised.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('An audit entry cannot hold a number that is not finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`An audit entry holds JSON values only, not ${typeof value}`);
}

/**
 * Details as they will read back from jsonb: dates as ISO text, undefined dropped, and text that
 * jsonb refuses (U+0000, lone surrogates) replaced by U+FFFD, so the stored entry hashes as appended.
 */
export function toAuditDetails(value: Record<string, unknown>): AuditDetails {
  return toAuditValue(value) as AuditDetails;
}

function toAuditValue(value: unknown): AuditValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('An audit entry cannot hold a number that is not finite');
    return Object.is(value, -0) ? 0 : value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toAuditValue(item)));
  if (isPlainObject(value)) {
    const out: { [key: string]: AuditValue } = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[storableText(key)] = toAuditValue(item);
    return out;
  }
  throw new TypeError(`An audit entry holds JSON values only, not ${typeof value}`);
}

function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
