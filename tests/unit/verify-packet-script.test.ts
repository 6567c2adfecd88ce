import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestText, sha256Hex, testPacket, zipPacket } from '../helpers/test-packet';

const SCRIPT = path.join(__dirname, '..', '..', 'docs', 'verify-packet.py');
const dir = mkdtempSync(path.join(os.tmpdir(), 'verify-packet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** docs/verify-packet.py, the script an outsider can read in a minute, run on a packet. */
function runScript(zip: Uint8Array, ...args: string[]) {
  const file = path.join(dir, `packet-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, zip);
  const run = spawnSync('python3', [SCRIPT, file, ...args], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('docs/verify-packet.py', () => {
  it('passes a good packet, with and without the published hash, including an empty one', () => {
    const packet = testPacket();
    const text = manifestText(packet);
    const zip = zipPacket(packet, { manifest: text });
    expect(runScript(zip)).toEqual({ status: 0, out: `manifest.json SHA-256: ${sha256Hex(text)}\nOK\n` });
    expect(runScript(zip, sha256Hex(text)).status).toBe(0);
    const empty = testPacket(0);
    empty.manifest.counts.byCountry = {};
    empty.manifest.counts.byVisibility = {};
    expect(runScript(zipPacket(empty)).status).toBe(0);
  });

  it('agrees with the verifier on trees of every shape up to 33 leaves', () => {
    for (const size of [1, 2, 3, 5, 7, 8, 13, 33]) expect(runScript(zipPacket(testPacket(size))).out).toMatch(/OK\n$/);
  });

  it('fails a tampered packet, naming the file', () => {
    const packet = testPacket();
    const text = manifestText(packet);
    packet.files['signatories.csv'] = strToU8(new TextDecoder('utf-8', { ignoreBOM: true }).decode(packet.files['signatories.csv']).replace('Signer 5', 'Signer 6'));
    const run = runScript(zipPacket(packet, { manifest: text }), sha256Hex(text));
    expect(run.status).toBe(1);
    expect(run.out).toContain('signatories.csv: size or SHA-256 differs from the manifest');
  });

  it('fails a changed commitment, a count that does not add up and a manifest other than the published one', () => {
    const packet = testPacket();
    const published = sha256Hex(manifestText(packet));
    packet.manifest.counts.byCountry.FR -= 1;
    packet.files['commitments.json'] = strToU8(JSON.stringify([...packet.commitments.slice(1), 'f'.repeat(64)]));
    const run = runScript(zipPacket(packet), published);
    expect(run.status).toBe(1);
    expect(run.out).toContain("manifest.json differs from the one published on the campaign's timeline");
    expect(run.out).toContain('counts.byCountry adds up to 11, not 12');
    expect(run.out).toContain("commitments.json: its Merkle root differs from the manifest's signatureRoot");
  });
});
