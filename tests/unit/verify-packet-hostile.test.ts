import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyPacket } from '@/lib/verification/verify-packet';

// A manifest listing a million files zips to 2.8 MB; checking it blocks the event loop for seconds and answers 376 MB of problems.
describe('a manifest with a huge files[] list', () => {
  it.fails('is refused or summarised, not answered with one problem per listed file', () => {
    const zero = '0'.repeat(64);
    const files = Array.from({ length: 1_000_000 }, (_, i) => ({ name: `f${i}`, bytes: 0, sha256: zero }));
    const manifest = {
      format: 'undersigned-packet/1',
      delivery: { id: '00000000-0000-4000-8000-000000000000', deliveredOn: '2026-11-24' },
      campaign: { slug: 's', title: 't', url: 'u' },
      letter: { version: 1, sha256: zero },
      addressee: { name: 'a', role: null },
      channel: 'email',
      generatedAt: '2026-11-24T00:00:00.000Z',
      filters: {},
      counts: { total: 0, byKind: {}, byCountry: {}, bySource: {}, byVisibility: {} },
      files,
      commitments: { file: 'commitments.json', count: 0, scheme: '', tree: '' },
      signatureRoot: zero,
    };
    const zip = zipSync({ 'manifest.json': [strToU8(JSON.stringify(manifest)), { level: 9 }] });
    const check = verifyPacket(zip);
    expect(check.problems.length).toBeLessThan(1000);
  });
});
