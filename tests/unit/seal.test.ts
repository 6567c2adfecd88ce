import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openJsonBatch } from '@/lib/crypto/open-json-batch';
import { openBytes, openJson, sealBytes, SealError, sealJson } from '@/lib/crypto/seal';

const key = randomBytes(32);

describe('sealed values', () => {
  it('open to what was sealed, and never show it in the stored bytes', () => {
    const sealed = sealJson(key, 'signer', 'campaign-1', { email: 'amina@example.org', givenName: 'Amina' });
    expect(openJson(key, 'signer', 'campaign-1', sealed)).toEqual({ email: 'amina@example.org', givenName: 'Amina' });
    expect(sealed.toString('latin1')).not.toContain('amina');
  });

  it('differ each time the same value is sealed (a fresh nonce), so equal names cannot be matched', () => {
    expect(sealBytes(key, 'signer', 'c', 'Amina').equals(sealBytes(key, 'signer', 'c', 'Amina'))).toBe(false);
  });

  it('refuse to open under another key, another purpose, another owner, or after any byte changed', () => {
    const sealed = sealBytes(key, 'signer', 'campaign-1', 'Amina');
    expect(() => openBytes(randomBytes(32), 'signer', 'campaign-1', sealed)).toThrow(SealError);
    expect(() => openBytes(key, 'mail', 'campaign-1', sealed)).toThrow(SealError);
    expect(() => openBytes(key, 'signer', 'campaign-2', sealed)).toThrow(SealError);
    for (let i = 0; i < sealed.length; i++) {
      const changed = Buffer.from(sealed);
      changed[i] ^= 1;
      expect(() => openBytes(key, 'signer', 'campaign-1', changed)).toThrow(SealError);
    }
    expect(() => openBytes(key, 'signer', 'campaign-1', sealed.subarray(0, 20))).toThrow(SealError);
  });
});

describe('opening many sealed values at once', () => {
  it('gives back every value in order (in a worker when there are many), and refuses the batch if any was changed', async () => {
    const values = Array.from({ length: 300 }, (_, i) => ({ givenName: `Amina${i}`, note: i % 2 ? null : 'ژ' }));
    const sealed = values.map((value) => sealJson(key, 'signer', 'campaign-1', value));
    expect(await openJsonBatch(key, 'signer', 'campaign-1', sealed)).toEqual(values);
    expect(await openJsonBatch(key, 'signer', 'campaign-1', sealed.slice(0, 3))).toEqual(values.slice(0, 3));
    const changed = sealed.map((value) => Buffer.from(value));
    changed[150][20] ^= 1;
    await expect(openJsonBatch(key, 'signer', 'campaign-1', changed)).rejects.toThrow(SealError);
    await expect(openJsonBatch(key, 'signer', 'campaign-2', sealed)).rejects.toThrow(SealError);
    // The worker survives a refusal: the next batch still opens.
    expect(await openJsonBatch(key, 'signer', 'campaign-1', sealed)).toHaveLength(300);
  });
});
