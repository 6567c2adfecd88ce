import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { zipSync, type Zippable } from 'fflate';
import type { Addressee } from '@/db/schema/campaigns';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { hmacSha256, sha256, sha256Hex } from '@/lib/crypto/sha256';
import { prepareDocument, type DocumentFormat, type PreparedDocument } from '@/lib/documents/export-document';
import { getEnv } from '@/lib/env';
import type { SignatoryFilters } from '@/lib/signatories/filters';
import { listDeliveredSignatures, type DeliveredSignature } from '@/lib/signatories/read-signatories';
import { commitmentMessage } from './commitment';
import {
  COMMITMENT_SCHEME,
  COMMITMENTS_FILE,
  MANIFEST_FILE,
  PACKET_FORMAT,
  serialiseCommitments,
  serialiseManifest,
  TREE_SCHEME,
  type DeliveryChannel,
  type Manifest,
  type ManifestCounts,
  type ManifestFile,
} from './manifest';
import { merkleRoot, toHex } from './merkle';

export type PacketRequest = {
  deliveryId: string;
  campaign: CampaignRow;
  addressee: Addressee;
  channel: DeliveryChannel;
  formats: DocumentFormat[];
  filters: SignatoryFilters;
  deliveredOn: string;
  generatedAt: Date;
};

export type BuiltPacket = {
  zip: Uint8Array;
  generatedAt: Date;
  manifest: string;
  /** What mailing the packet attaches: every file unzipped, the manifest included. */
  unzippedBytes: number;
  manifestSha256: string;
  signatureRoot: string;
  counts: ManifestCounts;
  files: ManifestFile[];
  /** Commitments in tree order, 32 bytes each, concatenated. */
  commitments: Uint8Array;
  signatureIds: string[];
};

/** The signatures changed while the documents were written; building again gives a consistent packet. */
export class SignaturesMoved extends Error {}

export const WITHHELD_COUNTRY = 'withheld';

// Already-compressed formats are stored as they are; text is deflated.
const STORED: ReadonlySet<string> = new Set(['pdf', 'xlsx', 'docx']);

/**
 * Builds a delivery packet: the chosen documents, `commitments.json` and `manifest.json`, zipped.
 * Everything is read as of `generatedAt`, and the set of signatures is read again at the end:
 * if one was withdrawn or removed meanwhile, `SignaturesMoved` is thrown rather than a packet
 * whose documents, counts and commitments disagree.
 */
export async function buildPacket(request: PacketRequest): Promise<BuiltPacket> {
  const { campaign, filters, generatedAt, deliveryId } = request;
  const scope = { ...filters, confirmedBefore: generatedAt.toISOString() };
  const included = await listDeliveredSignatures(campaign.id, scope);

  // Node's HMAC, the same derivation as commitmentFor (a test holds them equal): 100,000 take 0.2 s, not 6.
  const message = commitmentMessage(deliveryId);
  const leaves = included.map((row) => hmacSha256(Buffer.from(row.receiptHash, 'hex'), message)).sort(compareBytes);
  const commitmentsText = serialiseCommitments(leaves.map((leaf) => Buffer.from(leaf.buffer, leaf.byteOffset, leaf.byteLength).toString('hex')));

  const documents: { name: string; bytes: Uint8Array }[] = [];
  for (const format of request.formats) {
    const prepared = await prepareDocument(campaign, format, filters, { confirmedBefore: generatedAt, generatedAt });
    if (prepared.source.context.counts.total !== included.length) throw new SignaturesMoved();
    documents.push({ name: prepared.packetName, bytes: await writeToBytes(prepared) });
  }
  const after = await listDeliveredSignatures(campaign.id, scope);
  if (after.length !== included.length || after.some((row, i) => row.id !== included[i].id)) throw new SignaturesMoved();

  const entries = [...documents, { name: COMMITMENTS_FILE, bytes: new TextEncoder().encode(commitmentsText) }];
  const files: ManifestFile[] = entries.map((entry) => ({ name: entry.name, bytes: entry.bytes.length, sha256: sha256Hex(entry.bytes) }));
  const signatureRoot = toHex(merkleRoot(leaves, sha256));
  const counts = countDelivered(included);
  const manifest: Manifest = {
    format: PACKET_FORMAT,
    delivery: { id: deliveryId, deliveredOn: request.deliveredOn },
    campaign: { slug: campaign.slug, title: campaign.title, url: `${getEnv().baseUrl}/c/${campaign.slug}` },
    letter: { version: campaign.versionNumber, sha256: campaign.versionSha256 },
    addressee: { name: request.addressee.name, role: request.addressee.role ?? null },
    channel: request.channel,
    generatedAt: generatedAt.toISOString(),
    filters,
    counts,
    files,
    commitments: { file: COMMITMENTS_FILE, count: leaves.length, scheme: COMMITMENT_SCHEME, tree: TREE_SCHEME },
    signatureRoot,
  };
  const manifestText = serialiseManifest(manifest);
  const manifestBytes = new TextEncoder().encode(manifestText);

  const zippable: Zippable = {};
  for (const entry of entries) {
    const extension = entry.name.slice(entry.name.lastIndexOf('.') + 1);
    zippable[entry.name] = [entry.bytes, { level: STORED.has(extension) ? 0 : 6, mtime: generatedAt }];
  }
  zippable[MANIFEST_FILE] = [manifestBytes, { level: 6, mtime: generatedAt }];

  const commitments = new Uint8Array(leaves.length * 32);
  leaves.forEach((leaf, i) => commitments.set(leaf, i * 32));
  return {
    zip: zipSync(zippable),
    generatedAt,
    manifest: manifestText,
    unzippedBytes: files.reduce((sum, file) => sum + file.bytes, manifestBytes.length),
    manifestSha256: sha256Hex(manifestBytes),
    signatureRoot,
    counts,
    files,
    commitments,
    signatureIds: included.map((row) => row.id),
  };
}

function countDelivered(rows: DeliveredSignature[]): ManifestCounts {
  const counts: ManifestCounts = { total: rows.length, byKind: {}, byCountry: {}, bySource: {}, byVisibility: {} };
  const add = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  for (const row of rows) {
    add(counts.byKind, row.kind);
    // The manifest is public: a country is counted only for signers named in public, so a small
    // country's count can never point at someone who chose confidential or counted.
    add(counts.byCountry, row.publiclyNamed ? row.country : WITHHELD_COUNTRY);
    add(counts.bySource, row.source);
    add(counts.byVisibility, row.visibility);
  }
  return counts;
}

async function writeToBytes(prepared: PreparedDocument): Promise<Uint8Array> {
  const out = new PassThrough();
  const [, bytes] = await Promise.all([prepared.write(prepared.source, out), buffer(out)]);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}
