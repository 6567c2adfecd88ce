import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyPacket } from '@/lib/verification/verify-packet';

const zero = '0'.repeat(64);

/** A manifest that is well formed but for how many files it lists. */
function manifestListing(count: number) {
  return {
    format: 'undersigned-packet/1',
    delivery: { id: '00000000-0000-4000-8000-000000000000', deliveredOn: '2026-11-24' },
    campaign: { slug: 's', title: 't', url: 'u' },
    letter: { version: 1, sha256: zero },
    addressee: { name: 'a', role: null },
    channel: 'email',
    generatedAt: '2026-11-24T00:00:00.000Z',
    filters: {},
    counts: { total: 0, byKind: {}, byCountry: {}, bySource: {}, byVisibility: {} },
    files: Array.from({ length: count }, (_, i) => ({ name: `f${i}`, bytes: 0, sha256: zero })),
    commitments: { file: 'commitments.json', count: 0, scheme: '', tree: '' },
    signatureRoot: zero,
  };
}

describe('a manifest with a huge files[] list', () => {
  // A million listed files zip to 2.8 MB: refused at once, not checked (and answered) file by file.
  it('is refused as too large to be a manifest, with one problem', () => {
    const zip = zipSync({ 'manifest.json': [strToU8(JSON.stringify(manifestListing(1_000_000))), { level: 9 }] });
    const check = verifyPacket(zip);
    expect(check.valid).toBe(false);
    expect(check.problems).toEqual([expect.objectContaining({ file: 'manifest.json', code: 'manifest-shape', message: expect.stringContaining('larger than 1 MiB') })]);
  });

  it('is refused by its shape when it lists more files than a zip may hold', () => {
    const check = verifyPacket(zipSync({ 'manifest.json': strToU8(JSON.stringify(manifestListing(33))) }));
    expect(check.problems.map((p) => p.code)).toEqual(['manifest-shape']);
  });
});
