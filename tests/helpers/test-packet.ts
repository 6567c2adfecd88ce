import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { Deflate, strToU8, zipSync, type Zippable } from 'fflate';
import { commitmentFor, receiptHash } from '@/lib/deliveries/commitment';
import { fromHex, inclusionProof, merkleRoot, toHex } from '@/lib/deliveries/merkle';
import type { ReceiptDelivery } from '@/lib/verification/verify-receipt-proof';

/**
 * A delivery packet built straight from the format in docs/verification.md with fflate, not by the
 * application's packet writer, so the verifier is tested against the format and not its twin.
 */
export type TestPacket = {
  deliveryId: string;
  receipts: string[];
  commitments: string[];
  manifest: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Every entry but manifest.json, as it goes into the zip. */
  files: Record<string, Uint8Array>;
};

const COUNTRIES = ['FR', 'FR', 'KE', 'BR', 'IN', 'FR', 'KE', 'BR', 'US', 'US', 'JP', 'FR'];

export function testPacket(signers = 12): TestPacket {
  const deliveryId = randomUUID();
  const receipts = Array.from({ length: signers }, () => randomBytes(32).toString('base64url'));
  const commitments = receipts.map((r) => toHex(commitmentFor(receiptHash(r), deliveryId))).sort();
  const rows = Array.from({ length: signers }, (_, i) =>
    i === 1 ? `${i + 1},"Ana ""Ani"" Velez","Line one\r\nline two",${COUNTRIES[i % 12]}\r\n` : `${i + 1},Signer ${i + 1},Individual,${COUNTRIES[i % 12]}\r\n`,
  );
  const csv = `\uFEFFNo.,Name,Title,Country code\r\n${rows.join('')}`;
  const osdi = {
    title: 'Free the lawyers',
    total_signatures: signers,
    _embedded: { 'osdi:signatures': Array.from({ length: signers }, (_, i) => ({ identifiers: [`undersigned:${i + 1}`] })) },
  };
  const files: Record<string, Uint8Array> = {
    'letter.pdf': randomBytes(4000),
    'signatories.csv': strToU8(csv),
    'signatories.json': strToU8(`${JSON.stringify(osdi)}\n`),
    'commitments.json': strToU8(`${JSON.stringify(commitments, null, 2)}\n`),
  };
  const byCountry: Record<string, number> = {};
  for (let i = 0; i < signers; i++) byCountry[COUNTRIES[i % 12]] = (byCountry[COUNTRIES[i % 12]] ?? 0) + 1;
  const confidential = Math.min(1, signers);
  const manifest = {
    format: 'undersigned-packet/1',
    delivery: { id: deliveryId, deliveredOn: '2026-11-24' },
    campaign: { slug: 'free-the-lawyers', title: 'Free the lawyers', url: 'http://localhost:3000/c/free-the-lawyers' },
    letter: { version: 2, sha256: toHex(sha256(strToU8('letter text'))) },
    addressee: { name: 'UN High Commissioner for Human Rights', role: null },
    channel: 'email',
    generatedAt: '2026-11-24T03:00:00.000Z',
    filters: { reviewed: 'only', source: 'all' },
    counts: {
      total: signers,
      byKind: { individual: signers },
      byCountry,
      bySource: { online: signers },
      byVisibility: { confidential, public: signers - confidential },
    },
    files: [],
    commitments: { file: 'commitments.json', count: signers, scheme: 'HMAC-SHA256', tree: 'RFC 6962' },
    signatureRoot: toHex(merkleRoot(commitments.map(fromHex))),
  };
  return { deliveryId, receipts, commitments, manifest, files };
}

/** manifest.json's text for the packet as it stands: files[] describes `files` unless `keepFiles`. */
export function manifestText(packet: TestPacket, keepFiles = false): string {
  if (!keepFiles) {
    packet.manifest.files = Object.entries(packet.files).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: toHex(sha256(bytes)) }));
  }
  return `${JSON.stringify(packet.manifest, null, 2)}\n`;
}

/** The zip: documents and commitments.json first, manifest.json last, flat names. */
export function zipPacket(packet: TestPacket, options: { manifest?: string; extra?: Zippable } = {}): Uint8Array {
  const manifest = options.manifest ?? manifestText(packet);
  return zipSync({ ...packet.files, ...options.extra, 'manifest.json': strToU8(manifest) }, { level: 6 });
}

export const sha256Hex = (bytes: Uint8Array | string) => toHex(sha256(typeof bytes === 'string' ? strToU8(bytes) : bytes));

export type RawEntry = { name: string | Uint8Array; data: Uint8Array; method?: number; flags?: number };

/**
 * A zip written byte by byte, for archives no honest zip library writes: unsafe names, foreign
 * methods, encryption flags. CRCs are left at zero; the verifier relies on SHA-256, not CRC-32.
 */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? strToU8(entry.name) : entry.name;
    const method = entry.method ?? 0;
    const flags = entry.flags ?? (typeof entry.name === 'string' && /[^\x00-\x7e]/.test(entry.name) ? 0x800 : 0);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(18, entry.data.length, true);
    lv.setUint32(22, entry.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(20, entry.data.length, true);
    cv.setUint32(24, entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    parts.push(local, entry.data);
    central.push(record);
    offset += local.length + entry.data.length;
  }
  const directorySize = central.reduce((n, r) => n + r.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Raw deflate of `mebibytes` MiB of zeros, produced a MiB at a time so the zeros never sit in memory at once. */
export function deflatedZeros(mebibytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (chunk) => chunks.push(chunk));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mebibytes; i++) deflate.push(zeros, i === mebibytes - 1);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** What POST /api/v1/verify/receipt would answer for the `signer`th receipt of a packet built from the format. */
export function receiptAnswer(packet: TestPacket, signer: number): ReceiptDelivery {
  const manifest = manifestText(packet);
  const commitment = toHex(commitmentFor(receiptHash(packet.receipts[signer]), packet.deliveryId));
  const leafIndex = packet.commitments.indexOf(commitment);
  return {
    id: packet.deliveryId,
    campaign: { slug: 'free-the-lawyers', title: 'Free the lawyers' },
    addressee: 'UN High Commissioner for Human Rights',
    channel: 'email',
    deliveredOn: '2026-11-24',
    manifestSha256: sha256Hex(manifest),
    manifest,
    commitment,
    leafIndex,
    treeSize: packet.commitments.length,
    proof: inclusionProof(packet.commitments.map(fromHex), leafIndex).map(toHex),
  };
}
