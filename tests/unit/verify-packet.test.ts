import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PacketRefused, verifyPacket, type PacketCheck } from '@/lib/verification/verify-packet';
import { deflatedZeros, manifestText, rawZip, sha256Hex, testPacket, zipPacket } from '../helpers/test-packet';

const messages = (check: PacketCheck) => check.problems.map((p) => p.message);

function refusal(zip: Uint8Array): PacketRefused {
  try {
    verifyPacket(zip);
  } catch (error) {
    if (error instanceof PacketRefused) return error;
    throw error;
  }
  throw new Error('the packet was not refused');
}

describe('verifyPacket on a good packet', () => {
  it('finds every file, count and the root as the manifest says', () => {
    const packet = testPacket();
    const text = manifestText(packet);
    const check = verifyPacket(zipPacket(packet, { manifest: text }), { publishedManifestSha256: sha256Hex(text) });
    expect(check.problems).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.manifestSha256).toBe(sha256Hex(text));
    expect(check.manifest?.delivery.id).toBe(packet.deliveryId);
    expect(check.files.map((f) => [f.name, f.ok])).toEqual([
      ['letter.pdf', true],
      ['signatories.csv', true],
      ['signatories.json', true],
      ['commitments.json', true],
    ]);
    expect(check.signatureRoot).toEqual({ expected: packet.manifest.signatureRoot, actual: packet.manifest.signatureRoot, ok: true });
  });

  it('accepts a packet without signatures (the empty tree), and files stored uncompressed', () => {
    const packet = testPacket(0);
    packet.manifest.counts.byVisibility = {};
    packet.manifest.counts.byCountry = {};
    const zip = zipSync({ ...packet.files, 'manifest.json': strToU8(manifestText(packet)) }, { level: 0 });
    const check = verifyPacket(zip);
    expect(check.problems).toEqual([]);
    expect(check.signatureRoot?.actual).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('verifyPacket on an altered packet', () => {
  it.each(['letter.pdf', 'signatories.csv', 'signatories.json', 'commitments.json'])('names %s when one of its bytes changed', (name) => {
    const packet = testPacket();
    const text = manifestText(packet);
    const altered = new Uint8Array(packet.files[name]);
    altered[altered.length - 3] ^= 0x01;
    packet.files[name] = altered;
    const check = verifyPacket(zipPacket(packet, { manifest: text }));
    expect(check.valid).toBe(false);
    expect(messages(check)).toContain(`${name}: SHA-256 differs from the manifest`);
    expect(check.files.find((f) => f.name === name)?.ok).toBe(false);
  });

  it('names a file whose size differs, one that is missing and one that is not listed', () => {
    const packet = testPacket();
    const text = manifestText(packet);
    packet.files['letter.pdf'] = packet.files['letter.pdf'].subarray(1);
    delete packet.files['signatories.json'];
    const check = verifyPacket(zipPacket(packet, { manifest: text, extra: { 'notes.txt': strToU8('hello') } }));
    expect(messages(check)).toEqual(
      expect.arrayContaining([
        'letter.pdf: 3999 bytes, but the manifest says 4000',
        'signatories.json is listed in the manifest but missing from the packet',
        'notes.txt is in the packet but not listed in the manifest',
      ]),
    );
  });

  it('names a count that does not add up', () => {
    const packet = testPacket();
    packet.manifest.counts.byCountry.FR -= 1;
    const check = verifyPacket(zipPacket(packet));
    expect(messages(check)).toEqual(['counts.byCountry adds up to 11, not 12']);
  });

  it('names a total that disagrees with the commitments, the CSV and the OSDI list', () => {
    const packet = testPacket();
    packet.manifest.counts.total = 13;
    packet.manifest.counts.byKind.individual = 13;
    packet.manifest.counts.byCountry.FR += 1;
    packet.manifest.counts.bySource.online = 13;
    packet.manifest.counts.byVisibility.public += 1;
    const check = verifyPacket(zipPacket(packet));
    expect(messages(check)).toEqual([
      'counts.total is 13, but commitments.count is 12',
      'signatories.csv lists 12 signatories, but counts.total is 13',
      'signatories.json: total_signatures is 12, but counts.total is 13',
      'signatories.json lists 12 signatures, but counts.total is 13',
    ]);
  });

  it('names a CSV with a row removed, counting quoted line breaks as part of their field', () => {
    const packet = testPacket();
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(packet.files['signatories.csv']);
    packet.files['signatories.csv'] = strToU8(csv.replace(/\r\n12,[^\r]*\r\n$/, '\r\n'));
    const check = verifyPacket(zipPacket(packet));
    expect(messages(check)).toEqual(['signatories.csv lists 11 signatories, but counts.total is 12']);
  });

  it('names a changed commitment whose root was left as it was', () => {
    const packet = testPacket();
    const commitments = [...packet.commitments];
    commitments[4] = commitments[4].slice(0, 63) + (commitments[4].endsWith('0') ? '1' : '0');
    commitments.sort();
    packet.files['commitments.json'] = strToU8(`${JSON.stringify(commitments, null, 2)}\n`);
    const check = verifyPacket(zipPacket(packet));
    expect(messages(check)).toEqual(['commitments.json: the root of its Merkle tree differs from the manifest’s signatureRoot']);
    expect(check.signatureRoot?.ok).toBe(false);
  });

  it('names commitments out of order, duplicated or missing', () => {
    const packet = testPacket();
    const reversed = [...packet.commitments].reverse();
    packet.files['commitments.json'] = strToU8(JSON.stringify(reversed));
    expect(messages(verifyPacket(zipPacket(packet)))).toContain('commitments.json is not in ascending order without duplicates (entry 2)');

    const short = testPacket();
    short.files['commitments.json'] = strToU8(JSON.stringify(short.commitments.slice(1)));
    expect(messages(verifyPacket(zipPacket(short)))).toContain('commitments.json holds 11 commitments, but the manifest says 12');

    const bad = testPacket();
    bad.files['commitments.json'] = strToU8('["not hex"]');
    expect(messages(verifyPacket(zipPacket(bad)))).toContain('commitments.json is not a JSON array of 64-character lowercase hex strings');
  });

  it('names a manifest that differs from the published one', () => {
    const packet = testPacket();
    const published = sha256Hex(manifestText(packet));
    packet.manifest.addressee.name = 'Someone else';
    const check = verifyPacket(zipPacket(packet), { publishedManifestSha256: published });
    expect(check.problems).toEqual([
      {
        file: 'manifest.json',
        code: 'published-differs',
        message: "The manifest differs from the one published on the campaign's timeline",
      },
    ]);
  });

  it('names a missing, unreadable or misshapen manifest', () => {
    const packet = testPacket();
    manifestText(packet);
    expect(messages(verifyPacket(zipSync(packet.files)))).toEqual(expect.arrayContaining(['manifest.json is missing from the packet']));
    expect(messages(verifyPacket(zipPacket(packet, { manifest: '{ not json' })))).toEqual(['manifest.json is not valid JSON']);
    const extra = verifyPacket(zipPacket(packet, { manifest: JSON.stringify({ ...packet.manifest, extra: 1 }) }));
    expect(extra.problems[0]?.code).toBe('manifest-shape');
    const noRoot = verifyPacket(zipPacket(packet, { manifest: JSON.stringify({ ...packet.manifest, signatureRoot: 'abc' }) }));
    expect(messages(noRoot)[0]).toMatch(/^manifest\.json is not a packet manifest \(signatureRoot: /);
  });
});

describe('verifyPacket refuses what is unsafe to open', () => {
  it('refuses what is not a zip', () => {
    expect(refusal(strToU8('%PDF-1.7 this is not a zip at all')).reason).toBe('not-a-zip');
    expect(refusal(new Uint8Array(0)).reason).toBe('not-a-zip');
    const zip = zipPacket(testPacket());
    expect(refusal(zip.subarray(0, zip.length - 30)).reason).toBe('not-a-zip');
  });

  it.each(['../evil.sh', '/etc/passwd', 'docs/letter.pdf', 'docs\\letter.pdf', 'C:evil.txt', 'bell\u0007.txt', 'new\nline.txt'])('refuses the entry name %j', (name) => {
    const error = refusal(rawZip([{ name: 'letter.pdf', data: strToU8('a') }, { name, data: strToU8('b') }]));
    expect(error.reason).toBe('unsafe-entry');
  });

  it('refuses encrypted entries, foreign compression methods and a name twice', () => {
    expect(refusal(rawZip([{ name: 'letter.pdf', data: strToU8('x'), flags: 1 }])).reason).toBe('unsafe-entry');
    expect(refusal(rawZip([{ name: 'letter.pdf', data: strToU8('x'), method: 14 }])).reason).toBe('unsafe-entry');
    const twice = rawZip([
      { name: 'letter.pdf', data: strToU8('x') },
      { name: 'letter.pdf', data: strToU8('y') },
    ]);
    expect(refusal(twice).reason).toBe('unsafe-entry');
  });

  it('refuses more than 32 entries', () => {
    const entries = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`file-${i}.txt`, strToU8(String(i))]));
    expect(refusal(zipSync(entries)).reason).toBe('too-many-entries');
    expect(() => verifyPacket(zipSync(Object.fromEntries(Object.entries(entries).slice(0, 32))))).not.toThrow();
  });

  describe('decompression bombs', () => {
    let gib: Uint8Array;
    let hundredMib: Uint8Array;
    beforeAll(() => {
      gib = deflatedZeros(1024);
      hundredMib = deflatedZeros(200);
    }, 60_000);

    it('stops a GiB of zeros once it passes 256 MiB, whatever its header declares', () => {
      const error = refusal(rawZip([{ name: 'letter.pdf', data: gib, method: 8 }]));
      expect(error.reason).toBe('too-large');
      expect(error.message).toBe('letter.pdf inflates to more than 256 MiB');
    });

    it('stops when the entries together pass 512 MiB', () => {
      const entries = ['a.bin', 'b.bin', 'c.bin'].map((name) => ({ name, data: hundredMib, method: 8 }));
      const error = refusal(rawZip(entries));
      expect(error.reason).toBe('too-large');
      expect(error.message).toBe('The packet inflates to more than 512 MiB');
    });
  });
});
