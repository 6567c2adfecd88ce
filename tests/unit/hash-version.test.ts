import { describe, expect, it } from 'vitest';
import { canonicalVersion, hashVersion } from '@/lib/campaigns/hash-version';

const version = {
  title: 'Free the Five',
  letter: 'Excellency,\n\nWe write.',
  demands: ['Release them'],
  addressees: [{ name: 'OHCHR', postalAddress: 'Palais des Nations\nCH-1211 Geneva 10' }],
};

describe('letter version fingerprints', () => {
  it('hashes the documented canonical form, so anyone can recompute it', () => {
    expect(canonicalVersion(version)).toBe(
      '{"title":"Free the Five","letter":"Excellency,\\n\\nWe write.","demands":["Release them"],"addressees":[{"name":"OHCHR","role":null,"postalAddress":"Palais des Nations\\nCH-1211 Geneva 10","email":null}]}',
    );
    // Computed independently with `sha256sum` over the line above (see README, "Letter versions").
    expect(hashVersion(version)).toBe('e714cf5c6861f0f389cb3d5fd6126e10520ca44398bfccf54856d7bc853a4c1a');
  });

  it('gives the same fingerprint to the same text typed with other line breaks or Unicode composition', () => {
    const decomposed = { ...version, title: 'Libe\u0301rez les cinq', letter: 'Excellency,\r\n\r\nWe write.' };
    const composed = { ...version, title: 'Lib\u00e9rez les cinq' };
    expect(hashVersion(decomposed)).toBe(hashVersion(composed));
  });

  it('changes with any change to what people sign', () => {
    const base = hashVersion(version);
    expect(hashVersion({ ...version, title: 'Free the Six' })).not.toBe(base);
    expect(hashVersion({ ...version, letter: 'Excellency,\n\nWe write again.' })).not.toBe(base);
    expect(hashVersion({ ...version, demands: ['Release them', 'Now'] })).not.toBe(base);
    expect(hashVersion({ ...version, addressees: [{ name: 'OHCHR', role: 'High Commissioner' }] })).not.toBe(base);
    // A demand split in two is not the same text as one demand holding both.
    expect(hashVersion({ ...version, demands: ['a', 'b'] })).not.toBe(hashVersion({ ...version, demands: ['a","b'] }));
  });
});
