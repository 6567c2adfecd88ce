import type { SignatoryFilters } from '@/lib/signatories/filters';

/**
 * The manifest of a delivery packet (`manifest.json`), as docs/verification.md describes it.
 * Types and serialisation only, shared by the packet builder and the verification page.
 */
export const PACKET_FORMAT = 'undersigned-packet/1';
export const MANIFEST_FILE = 'manifest.json';
export const COMMITMENTS_FILE = 'commitments.json';
export const COMMITMENT_SCHEME = 'HMAC-SHA256(key = SHA-256(receipt), message = "undersigned/commitment/v1:" + delivery.id)';
export const TREE_SCHEME = 'RFC 6962 Merkle tree over SHA-256; leaves are the commitments as bytes, sorted ascending';

export const DELIVERY_CHANNELS = ['email', 'post', 'portal', 'in-person'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export type ManifestCounts = {
  total: number;
  byKind: Record<string, number>;
  byCountry: Record<string, number>;
  bySource: Record<string, number>;
  byVisibility: Record<string, number>;
};

export type ManifestFile = { name: string; bytes: number; sha256: string };

export type Manifest = {
  format: typeof PACKET_FORMAT;
  delivery: { id: string; deliveredOn: string };
  campaign: { slug: string; title: string; url: string };
  letter: { version: number; sha256: string };
  addressee: { name: string; role: string | null };
  channel: DeliveryChannel;
  generatedAt: string;
  filters: SignatoryFilters;
  counts: ManifestCounts;
  files: ManifestFile[];
  commitments: { file: typeof COMMITMENTS_FILE; count: number; scheme: string; tree: string };
  signatureRoot: string;
};

/** The manifest's bytes: keys in the order above, two-space JSON, one final newline. Its SHA-256 is what the timeline publishes. */
export function serialiseManifest(manifest: Manifest): string {
  const ordered: Manifest = {
    format: manifest.format,
    delivery: { id: manifest.delivery.id, deliveredOn: manifest.delivery.deliveredOn },
    campaign: { slug: manifest.campaign.slug, title: manifest.campaign.title, url: manifest.campaign.url },
    letter: { version: manifest.letter.version, sha256: manifest.letter.sha256 },
    addressee: { name: manifest.addressee.name, role: manifest.addressee.role },
    channel: manifest.channel,
    generatedAt: manifest.generatedAt,
    filters: manifest.filters,
    counts: {
      total: manifest.counts.total,
      byKind: sortKeys(manifest.counts.byKind),
      byCountry: sortKeys(manifest.counts.byCountry),
      bySource: sortKeys(manifest.counts.bySource),
      byVisibility: sortKeys(manifest.counts.byVisibility),
    },
    files: manifest.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    commitments: { file: manifest.commitments.file, count: manifest.commitments.count, scheme: manifest.commitments.scheme, tree: manifest.commitments.tree },
    signatureRoot: manifest.signatureRoot,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** `commitments.json`: the commitments in tree order (ascending), as a JSON array of lowercase hex. */
export function serialiseCommitments(commitments: readonly string[]): string {
  return `${JSON.stringify(commitments, null, 2)}\n`;
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
