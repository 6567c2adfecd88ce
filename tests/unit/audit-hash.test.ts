import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashAuditEntry, toAuditDetails, type HashedAuditFields } from '@/lib/audit/hash-audit-entry';

const entry: HashedAuditFields = {
  id: 7,
  at: new Date('2026-03-08T10:15:30.123Z'),
  actorKind: 'user',
  actorId: 'u-1',
  actorLabel: 'organiser@example.org',
  campaignId: '6cc0210c-06a2-4f88-b78d-faf436d88b81',
  workspaceId: null,
  action: 'export',
  details: { format: 'csv', filters: { country: 'IR', kind: 'individual' }, bytes: 1024 },
  prevHash: GENESIS_HASH,
};

describe('the canonical form of an audit entry', () => {
  it('sorts keys at every depth, keeps array order, and has no whitespace', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, 1, 2], c: null }, Z: true });
    const b = canonicalJson({ Z: true, a: { c: null, d: [3, 1, 2] }, b: 1 });
    expect(a).toBe('{"Z":true,"a":{"c":null,"d":[3,1,2]},"b":1}');
    expect(b).toBe(a);
  });

  it('keeps text exactly: scripts and emoji as themselves, different normalisations apart, controls escaped', () => {
    expect(canonicalJson({ name: 'آزادی', flag: '🇮🇷', note: 'line\nbreak "quoted"' })).toBe('{"flag":"🇮🇷","name":"آزادی","note":"line\\nbreak \\"quoted\\""}');
    expect(canonicalJson('e\u0301')).not.toBe(canonicalJson('\u00e9'));
    // Keys sort by UTF-16 code units, as RFC 8785 does: an astral character sorts before U+FFFF.
    expect(canonicalJson({ '\uffff': 1, '😀': 2, é: 3, e: 4 })).toBe('{"e":4,"é":3,"😀":2,"\uffff":1}');
  });

  it('refuses what JSON cannot hold the same way twice', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ when: new Date() })).toThrow();
    expect(() => canonicalJson({ big: 1n })).toThrow();
  });

  it('prepares details as jsonb will give them back', () => {
    expect(toAuditDetails({ at: new Date('2026-01-02T03:04:05.000Z'), gone: undefined, list: [1, undefined], zero: -0, text: 'a\u0000b\ud800c' })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      list: [1, null],
      zero: 0,
      text: 'a\ufffdb\ufffdc',
    });
    expect(() => toAuditDetails({ n: Infinity })).toThrow();
  });
});

describe('an audit entry hash', () => {
  it('is the SHA-256 of the versioned array of its fields', () => {
    const text =
      '["undersigned-audit-v1","7","2026-03-08T10:15:30.123Z","user","u-1","organiser@example.org","6cc0210c-06a2-4f88-b78d-faf436d88b81",null,"export",' +
      `{"bytes":1024,"filters":{"country":"IR","kind":"individual"},"format":"csv"},"${GENESIS_HASH}"]`;
    expect(hashAuditEntry(entry)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('does not depend on the order of keys in the details', () => {
    expect(hashAuditEntry({ ...entry, details: { bytes: 1024, format: 'csv', filters: { kind: 'individual', country: 'IR' } } })).toBe(hashAuditEntry(entry));
  });

  it('changes with every field it covers', () => {
    const base = hashAuditEntry(entry);
    const variants: Partial<HashedAuditFields>[] = [
      { id: 8 },
      { at: new Date('2026-03-08T10:15:30.124Z') },
      { actorKind: 'token' },
      { actorId: 'u-2' },
      { actorLabel: null },
      { campaignId: null },
      { workspaceId: '6cc0210c-06a2-4f88-b78d-faf436d88b82' },
      { action: 'delivery' },
      { details: { ...entry.details, bytes: 1025 } },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const change of variants) expect(hashAuditEntry({ ...entry, ...change })).not.toBe(base);
  });
});
