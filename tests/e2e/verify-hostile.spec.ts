import { randomBytes } from 'node:crypto';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { deflatedZeros, manifestText, rawZip, testPacket } from '../helpers/test-packet';
import { BASE_URL } from './helpers/seed';

/**
 * POST /api/v1/verify through the real server, proxy included: hostile bodies get a 4xx with a
 * JSON reason, never a 5xx, and a large packet reaches the route whole.
 */

let anonymous: APIRequestContext;
test.beforeAll(async () => {
  anonymous = await request.newContext({ baseURL: BASE_URL });
});
test.afterAll(async () => {
  await anonymous.dispose();
});

const verify = (data: Buffer | Uint8Array, type = 'application/zip') => anonymous.post('/api/v1/verify', { data: Buffer.from(data), headers: { 'content-type': type } });

test('a 30 MB packet reaches the route whole and every file checks out', async () => {
  const packet = testPacket();
  packet.files['letter.pdf'] = randomBytes(30 * 1024 * 1024);
  const zip = zipSync({ ...packet.files, 'manifest.json': strToU8(manifestText(packet)) }, { level: 0 });
  expect(zip.length).toBeGreaterThan(30 * 1024 * 1024);
  const response = await verify(zip);
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.files.map((f: { name: string; ok: boolean }) => [f.name, f.ok])).toEqual([
    ['letter.pdf', true],
    ['signatories.csv', true],
    ['signatories.json', true],
    ['commitments.json', true],
  ]);
  expect(body.signatureRoot.ok).toBe(true);
  // Intact, but built here: no delivery of ours has this id.
  expect(body.problems.map((p: { code: string }) => p.code)).toEqual(['not-published']);
  expect(body.valid).toBe(false);
});

test('hostile bodies are refused with a 4xx and a reason, never a 5xx', async () => {
  const cases: [string, Buffer | Uint8Array, string, number][] = [
    ['not a zip', Buffer.from('%PDF-1.7 definitely not a zip'), 'application/zip', 400],
    ['zip slip', rawZip([{ name: '../../../tmp/evil.sh', data: strToU8('rm -rf /') }]), 'application/zip', 422],
    ['absolute path', rawZip([{ name: '/etc/passwd', data: strToU8('x') }]), 'application/octet-stream', 422],
    ['too many entries', zipSync(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`f${i}.txt`, strToU8('x')]))), 'application/zip', 422],
    ['a bomb', rawZip([{ name: 'letter.pdf', data: deflatedZeros(1024), method: 8 }]), 'application/zip', 413],
    ['a JSON body', Buffer.from('{"zip":true}'), 'application/json', 415],
    ['a form', Buffer.from('a=b'), 'application/x-www-form-urlencoded', 415],
  ];
  for (const [name, data, type, status] of cases) {
    const response = await verify(data, type);
    expect(response.status(), name).toBe(status);
    const body = await response.json();
    expect(body.error.message, name).toEqual(expect.any(String));
    expect(JSON.stringify(body), name).not.toMatch(/at \w+ \(|node_modules/);
  }
});

test('a 100 MB body gets 413 without being read whole', async () => {
  const started = Date.now();
  const response = await verify(Buffer.alloc(100 * 1024 * 1024, 1));
  expect(response.status()).toBe(413);
  expect((await response.json()).error.code).toBe('payload_too_large');
  expect(Date.now() - started).toBeLessThan(30_000);
});
