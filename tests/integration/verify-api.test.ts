import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/v1/verify/route';
import type { PublishedDelivery } from '@/lib/deliveries/find-published-delivery';
import { LIMITS } from '@/lib/rate-limit/limits';
import { MAX_PACKET_UPLOAD_BYTES } from '@/lib/verification/check-packet-upload';
import { deflatedZeros, manifestText, rawZip, sha256Hex, testPacket, zipPacket } from '../helpers/test-packet';
import { withTestDatabase } from '../helpers/test-db';

// The timeline is the deliveries' concern; here it publishes what each test says it does.
const timeline = vi.hoisted(() => ({ published: new Map<string, PublishedDelivery>() }));
vi.mock('@/lib/deliveries/find-published-delivery', () => ({ findPublishedDelivery: async (id: string) => timeline.published.get(id) ?? null }));

withTestDatabase();

const post = (body: BodyInit | null, type = 'application/zip', headers: Record<string, string> = {}) =>
  POST(new Request('http://localhost/api/v1/verify', { method: 'POST', body, headers: { 'content-type': type, ...headers }, duplex: 'half' } as RequestInit), undefined);

/** A packet built from the format, and its delivery published with the manifest's hash. */
function publishedPacket() {
  const packet = testPacket();
  const text = manifestText(packet);
  const delivery: PublishedDelivery = {
    id: packet.deliveryId,
    campaign: { slug: 'free-the-lawyers', title: 'Free the lawyers' },
    addressee: 'UN High Commissioner for Human Rights',
    channel: 'email',
    deliveredOn: '2026-11-24',
    signatureCount: 12,
    manifestSha256: sha256Hex(text),
  };
  timeline.published.set(packet.deliveryId, delivery);
  return { packet, text, delivery, zip: zipPacket(packet, { manifest: text }) };
}

describe('POST /api/v1/verify', () => {
  it('answers valid, with the published delivery, for an untouched packet', async () => {
    const { zip, delivery, packet } = publishedPacket();
    const response = await post(zip as BodyInit);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ valid: true, delivery, problems: [] });
    expect(body.files).toHaveLength(4);
    expect(body.signatureRoot).toEqual({ expected: packet.manifest.signatureRoot, actual: packet.manifest.signatureRoot, ok: true });
    expect((await post(zip as BodyInit, 'application/octet-stream')).status).toBe(200);
  });

  it('names a changed file, and a manifest other than the one published', async () => {
    const { packet, text } = publishedPacket();
    packet.files['signatories.csv'] = strToU8(new TextDecoder('utf-8', { ignoreBOM: true }).decode(packet.files['signatories.csv']).replace('Signer 3', 'Signer 4'));
    const body = await (await post(zipPacket(packet, { manifest: text }) as BodyInit)).json();
    expect(body.valid).toBe(false);
    expect(body.problems).toEqual([{ file: 'signatories.csv', code: 'file-sha256', values: { file: 'signatories.csv' }, message: 'signatories.csv: SHA-256 differs from the manifest' }]);

    const other = publishedPacket();
    other.packet.manifest.channel = 'post';
    const rewritten = await (await post(zipPacket(other.packet) as BodyInit)).json();
    expect(rewritten.valid).toBe(false);
    expect(rewritten.problems.map((p: { message: string }) => p.message)).toEqual(["The manifest differs from the one published on the campaign's timeline"]);
  });

  it('says so when the manifest names no published delivery', async () => {
    const body = await (await post(zipPacket(testPacket()) as BodyInit)).json();
    expect(body).toMatchObject({ valid: false, problems: [{ file: 'manifest.json', code: 'not-published', message: 'No delivery with this id is published' }] });
    expect(body.delivery).toBeUndefined();
  });

  it('refuses hostile bodies with a 4xx and a reason', async () => {
    const cases: [Uint8Array, number][] = [
      [strToU8('just text'), 400],
      [rawZip([{ name: '../../etc/cron.d/x', data: strToU8('x') }]), 422],
      [zipSync(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.txt`, strToU8('x')]))), 422],
      [rawZip([{ name: 'letter.pdf', data: deflatedZeros(300), method: 8 }]), 413],
    ];
    for (const [body, status] of cases) {
      const response = await post(body as BodyInit);
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toEqual(expect.any(String));
    }
  });

  it('refuses other content types (415) and bodies over 64 MiB (413) without reading them whole', async () => {
    expect((await post(strToU8('{}') as BodyInit, 'application/json')).status).toBe(415);
    expect((await post(strToU8('x') as BodyInit, '')).status).toBe(415);

    const declared = await post(new Uint8Array(16) as BodyInit, 'application/zip', { 'content-length': String(100 * 1024 * 1024) });
    expect(declared.status).toBe(413);

    // A stream that never ends unless the reader stops: 413 proves it stopped near the limit.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = await post(endless);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(MAX_PACKET_UPLOAD_BYTES + 4 * 1024 * 1024);
  });

  it('refuses a flood of uploads from one address with a 429', async () => {
    const from = { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200) + 1}` };
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS['verify-packet-client'].max + 1; i++) statuses.push((await post(strToU8('not a zip') as BodyInit, 'application/zip', from)).status);
    expect(statuses.slice(0, -1).every((status) => status === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
