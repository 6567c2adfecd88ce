import fc from 'fast-check';
import { inflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as verifyPacket } from '@/app/api/v1/verify/route';
import { POST as verifyReceipt } from '@/app/api/v1/verify/receipt/route';
import type { Caller } from '@/lib/auth/caller';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { readPacket } from '@/lib/deliveries/read-packet';
import { createPublishedCampaign, signAndConfirm } from '../../helpers/fixtures';
import { cleanAnswer, jsonBody, jsonRequest, nastyString, nastyValue, objectOf, PROPERTY_RUNS, propertyParameters, sometimes } from '../../helpers/property';
import { rawZip, testPacket, zipPacket } from '../../helpers/test-packet';
import { countPayload } from './context';

// A confidential signer whose name is in the delivered packet: a verification answer holds no name.
const CONFIDENTIAL = { givenName: 'Zzverifyconfidentialgiven', familyName: 'Zzverifyconfidentialfamily', email: 'zz-verify-confidential@example.org' };
const FORBIDDEN = [CONFIDENTIAL.givenName, CONFIDENTIAL.familyName, CONFIDENTIAL.email];

let packet: Uint8Array;
let files: Record<string, Uint8Array>;
// Where each file's compressed bytes lie in the delivered zip, read from its central directory.
let regions: { name: string; start: number; end: number; method: number }[];
let receipt: string;
const ran = { packet: 0, receipt: 0 };
const outcomes = { valid: 0, invalid: 0, refused: 0, found: 0 };

function entryRegions(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const found = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    found.push({ name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), start, end: start + view.getUint32(at + 20, true), method: view.getUint16(at + 10, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return found;
}

const ENTRY_NAME = fc.oneof(
  fc.constantFrom('manifest.json', 'commitments.json', 'signatories.csv', 'signatories.json', 'letter.pdf'),
  fc.constantFrom('../../etc/passwd', '/abs/path', 'C:\\evil.txt', 'dir/', 'a/../../b', '', 'manifest.json\u0000.txt', 'x'.repeat(70_000), 'ملف.csv', '\u202Etxt.exe'),
  nastyString,
);
const ENTRY_DATA = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => strToU8(JSON.stringify(value) ?? 'null')),
  nastyString.map((text) => strToU8(text)),
);

/**
 * Bytes that are, or nearly are, a delivery packet; and bytes that are nothing like one. `flips`:
 * the delivered packet's bytes that were changed; `whole`: a zip whose headers agree with its data.
 */
type Upload = { bytes: Uint8Array; flips?: number[]; whole?: boolean };
const body: fc.Arbitrary<Upload> = fc.oneof(
  // The delivered packet with bytes flipped, cut short or added to.
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => flipped(packet, flips)) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ bytes: packet.subarray(0, n % packet.length) })) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 100 }).map((tail) => ({ bytes: new Uint8Array([...packet, ...tail]) })) },
  // The delivered files re-zipped with one changed, dropped or added.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('manifest.json', 'commitments.json', 'signatories.csv', 'signatories.json', 'extra.txt'), fc.option(ENTRY_DATA)).map(([name, data]) => ({ bytes: rezipped(name, data), whole: true })) },
  // A packet written from the format, its manifest replaced by anything.
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((manifest) => ({ bytes: zipPacket(testPacket(3), { manifest: JSON.stringify(manifest) ?? '' }), whole: true })) },
  // Archives no zip library writes: hostile names, unknown methods, encryption flags.
  { weight: 2, arbitrary: fc.array(fc.record({ name: ENTRY_NAME, data: ENTRY_DATA, method: fc.constantFrom(0, 0, 8, 12, 99), flags: fc.constantFrom(0, 0, 1, 0x800, 0xffff) }), { maxLength: 5 }).map((entries) => ({ bytes: rawZip(entries) })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3_000 }).map((bytes) => ({ bytes })) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array(0), strToU8('PK\u0003\u0004'), strToU8('PK\u0005\u0006' + '\u0000'.repeat(18))).map((bytes) => ({ bytes })) },
);

function flipped(bytes: Uint8Array, flips: [number, number][]): Upload {
  const copy = new Uint8Array(bytes);
  for (const [at, mask] of flips) copy[at % copy.length] ^= mask;
  return { bytes: copy, flips: flips.map(([at]) => at % copy.length) };
}

/**
 * Valid must mean the very files delivered. For a zip whose headers agree with its data, every
 * file is compared; for the delivered zip with bytes flipped, each file whose compressed bytes
 * were hit is inflated as it now stands (a flip in the headers alone leaves the files as delivered).
 */
function expectDeliveredFiles(upload: Upload) {
  if (upload.whole) expect(unzipSync(upload.bytes)).toEqual(files);
  for (const region of regions) {
    if (!upload.flips?.some((at) => at >= region.start && at < region.end)) continue;
    const data = upload.bytes.subarray(region.start, region.end);
    expect(region.method === 8 ? inflateSync(data) : data, region.name).toEqual(files[region.name]);
  }
}

function rezipped(name: string, data: Uint8Array | null): Uint8Array {
  const entries = { ...files };
  if (data === null) delete entries[name];
  else entries[name] = data;
  return zipSync(entries);
}

export function describeVerifyProperties(): void {
  describe('property: the verification endpoints', () => {
    beforeAll(async () => {
      const { caller, campaign } = await createPublishedCampaign();
      const signed = await signAndConfirm(campaign.slug, { ...CONFIDENTIAL, visibility: 'confidential' });
      receipt = signed.receipt!;
      await signAndConfirm(campaign.slug, { visibility: 'public' });
      const delivery = await createDelivery(caller as Caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv', 'json'] });
      packet = (await readPacket(caller, campaign.slug, delivery.id)).bytes;
      files = unzipSync(packet);
      regions = entryRegions(packet);
    });

    afterAll(() => {
      console.log(`[property] verification: ${ran.packet + ran.receipt} payloads (packets ${ran.packet}, receipts ${ran.receipt}); ${JSON.stringify(outcomes)}`);
    });

    it('checks any upload with a clean answer, and calls a packet valid only when every file is the delivered one', async () => {
      expect(await (await verifyPacket(new Request('http://localhost/api/v1/verify', { method: 'POST', body: packet as BodyInit, headers: { 'content-type': 'application/zip' } }), undefined)).json()).toMatchObject({ valid: true });
      const type = fc.constantFrom('application/zip', 'application/zip', 'application/octet-stream', 'application/x-zip-compressed', 'application/json', 'text/plain', 'application/zip; charset=binary', '');
      await fc.assert(
        fc.asyncProperty(body, type, async (upload, contentType) => {
          ran.packet++;
          countPayload();
          const request = new Request('http://localhost/api/v1/verify', { method: 'POST', body: upload.bytes as BodyInit, headers: contentType ? { 'content-type': contentType } : {} });
          const answer = await cleanAnswer(await verifyPacket(request, undefined), FORBIDDEN);
          if (answer.status >= 400) {
            outcomes.refused++;
            return;
          }
          const result = JSON.parse(answer.text) as { valid: boolean; problems: unknown[] };
          expect(typeof result.valid).toBe('boolean');
          expect(result.problems).toEqual(expect.any(Array));
          expect(result.valid).toBe(result.problems.length === 0);
          outcomes[result.valid ? 'valid' : 'invalid']++;
          if (result.valid) expectDeliveredFiles(upload);
        }),
        propertyParameters(Math.ceil(PROPERTY_RUNS.verify * 0.6)),
      );
    }, 120_000);

    it('looks up any receipt with a clean answer; only the real one finds its delivery', async () => {
      const RECEIPT = fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        fc.constantFrom('', ' ', 'A'.repeat(43), 'A'.repeat(44), '=' + 'A'.repeat(42), '../' + 'A'.repeat(40), 'x'.repeat(10_000)),
        fc.nat().map((n) => receipt.slice(0, n % 43) + 'B' + receipt.slice((n % 43) + 1)),
        fc.constant(` ${receipt} `),
        nastyValue,
      );
      await fc.assert(
        fc.asyncProperty(jsonBody(objectOf({ receipt: sometimes(RECEIPT, 8) })), async (text) => {
          ran.receipt++;
          countPayload();
          const answer = await cleanAnswer(await verifyReceipt(jsonRequest('http://localhost/api/v1/verify/receipt', text), undefined), FORBIDDEN);
          if (answer.status >= 400) return;
          const { deliveries } = JSON.parse(answer.text) as { deliveries: unknown[] };
          let sent: unknown;
          try {
            sent = (JSON.parse(text) as { receipt?: unknown }).receipt;
          } catch {
            sent = undefined;
          }
          const isReal = typeof sent === 'string' && sent.trim() === receipt;
          expect(deliveries).toHaveLength(isReal ? 1 : 0);
          if (isReal) outcomes.found++;
        }),
        propertyParameters(Math.floor(PROPERTY_RUNS.verify * 0.4)),
      );
      expect(ran.packet + ran.receipt).toBeGreaterThanOrEqual(PROPERTY_RUNS.verify);
    }, 120_000);
  });
}
