import { sha256 } from '@noble/hashes/sha2.js';
import { COMMITMENTS_FILE, MANIFEST_FILE, type Manifest } from '@/lib/deliveries/manifest';
import { fromHex, merkleRoot, toHex } from '@/lib/deliveries/merkle';
import { packetManifestSchema } from '@/lib/schemas/packet-manifest';
import { csvRecordCounter } from './count-csv-records';
import { PACKET_LIMITS, readPacketZip } from './read-packet-zip';

export { PacketRefused, type PacketRefusal } from './packet-refused';

const CSV_FILE = 'signatories.csv';
const OSDI_FILE = 'signatories.json';
/** The entries parsed, not only hashed; the rest stream through SHA-256 without being kept. */
/**
 * The files read whole, and how large each may be: a manifest is a few KiB, and 96 MiB of
 * commitments is over a million signatures. Anything larger is refused unread, so a small
 * zip cannot make the check parse a huge JSON document.
 */
const KEPT = new Map([
  [MANIFEST_FILE, 1024 * 1024],
  [COMMITMENTS_FILE, 96 * 1024 * 1024],
  [OSDI_FILE, PACKET_LIMITS.entryBytes],
]);
const TALLIES = ['byKind', 'byCountry', 'bySource', 'byVisibility'] as const;

export type FileDigest = { bytes: number; sha256: string };
export type PacketFileCheck = { name: string; expected?: FileDigest; actual?: FileDigest; ok: boolean };

/** Each problem has a code and values, so a page can word it in its reader's language; `message` is the English. */
export type PacketProblemCode =
  | 'manifest-missing'
  | 'manifest-not-json'
  | 'manifest-shape'
  | 'file-missing'
  | 'file-unlisted'
  | 'file-listed-twice'
  | 'file-corrupt'
  | 'file-bytes'
  | 'file-sha256'
  | 'commitments-format'
  | 'commitments-order'
  | 'commitments-count'
  | 'counts-total'
  | 'counts-sum'
  | 'root'
  | 'published-differs'
  | 'not-published'
  | 'csv-count'
  | 'osdi-not-json'
  | 'osdi-total'
  | 'osdi-count';

export type PacketProblem = { file?: string; code: PacketProblemCode; values?: Record<string, string | number>; message: string };

export type PacketCheck = {
  valid: boolean;
  manifest?: Manifest;
  manifestSha256?: string;
  files: PacketFileCheck[];
  signatureRoot?: { expected: string; actual: string; ok: boolean };
  problems: PacketProblem[];
};

/** The manifest's hash is not the one the campaign's timeline publishes for its delivery. */
export const PUBLISHED_DIFFERS: PacketProblem = {
  file: MANIFEST_FILE,
  code: 'published-differs',
  message: "The manifest differs from the one published on the campaign's timeline",
};

/** The manifest names a delivery the platform never published. */
export const NOT_PUBLISHED: PacketProblem = { file: MANIFEST_FILE, code: 'not-published', message: 'No delivery with this id is published' };

export type VerifyPacketOptions = { publishedManifestSha256?: string | null };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks a delivery packet against its own manifest: every file's size and SHA-256, the counts,
 * the commitments and their Merkle root, and, when given, the manifest's hash as published on the
 * campaign's timeline. Pure and synchronous, so the server and the browser run the same code.
 * Throws PacketRefused for a file that is not a zip or is unsafe to open.
 */
export function verifyPacket(zip: Uint8Array, options: VerifyPacketOptions = {}): PacketCheck {
  const digests = new Map<string, FileDigest | null>();
  const kept = new Map<string, Uint8Array>();
  const oversized = new Set<string>();
  let csvRecords: number | undefined;

  const entries = readPacketZip(zip, (name) => {
    const hash = sha256.create();
    let bytes = 0;
    let chunks: Uint8Array[] | null = KEPT.has(name) ? [] : null;
    const csv = name === CSV_FILE ? csvRecordCounter() : null;
    return {
      data(chunk) {
        hash.update(chunk);
        bytes += chunk.length;
        if (chunks && bytes > KEPT.get(name)!) {
          chunks = null;
          oversized.add(name);
        }
        chunks?.push(chunk);
        csv?.push(chunk);
      },
      end() {
        digests.set(name, { bytes, sha256: toHex(hash.digest()) });
        if (chunks) kept.set(name, concat(chunks, bytes));
        if (csv) csvRecords = csv.finish();
      },
      fail() {
        digests.set(name, null);
      },
    };
  });

  const problems: PacketProblem[] = [];
  const problem = (code: PacketProblemCode, message: string, file?: string, values?: Record<string, string | number>) =>
    problems.push({ ...(file ? { file } : {}), code, ...(values ? { values } : {}), message });

  for (const [name, digest] of digests) {
    if (digest === null) problem('file-corrupt', `${name} cannot be decompressed: the zip is damaged`, name, { file: name });
  }

  for (const name of oversized) {
    const detail = `larger than ${KEPT.get(name)! / 1024 / 1024} MiB`;
    if (name === MANIFEST_FILE) problem('manifest-shape', `${MANIFEST_FILE} is not a packet manifest (${detail})`, MANIFEST_FILE, { detail });
    else if (name === COMMITMENTS_FILE) problem('commitments-format', `${COMMITMENTS_FILE} is ${detail}`, COMMITMENTS_FILE);
  }

  const manifestDigest = digests.get(MANIFEST_FILE) ?? undefined;
  const manifest = readManifest(kept.get(MANIFEST_FILE), digests.has(MANIFEST_FILE), problem);
  const published = options.publishedManifestSha256;
  if (manifestDigest && typeof published === 'string' && published.toLowerCase() !== manifestDigest.sha256) {
    problems.push(PUBLISHED_DIFFERS);
  }

  const files = checkFiles(entries, digests, manifest, problem);
  let signatureRoot: PacketCheck['signatureRoot'];
  if (manifest) {
    checkCounts(manifest, problem);
    signatureRoot = checkCommitments(manifest, kept.get(COMMITMENTS_FILE), digests.has(COMMITMENTS_FILE), problem);
    if (csvRecords !== undefined) {
      const listed = Math.max(0, csvRecords - 1);
      if (listed !== manifest.counts.total) {
        problem('csv-count', `${CSV_FILE} lists ${listed} signatories, but counts.total is ${manifest.counts.total}`, CSV_FILE, {
          actual: listed,
          total: manifest.counts.total,
        });
      }
    }
    const osdi = kept.get(OSDI_FILE);
    if (osdi) checkOsdi(osdi, manifest.counts.total, problem);
  }

  return {
    valid: problems.length === 0,
    ...(manifest ? { manifest } : {}),
    ...(manifestDigest ? { manifestSha256: manifestDigest.sha256 } : {}),
    files,
    ...(signatureRoot ? { signatureRoot } : {}),
    problems,
  };
}

type Report = (code: PacketProblemCode, message: string, file?: string, values?: Record<string, string | number>) => void;

function readManifest(bytes: Uint8Array | undefined, present: boolean, problem: Report): Manifest | undefined {
  if (!present) {
    problem('manifest-missing', `${MANIFEST_FILE} is missing from the packet`, MANIFEST_FILE);
    return undefined;
  }
  if (!bytes) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    problem('manifest-not-json', `${MANIFEST_FILE} is not valid JSON`, MANIFEST_FILE);
    return undefined;
  }
  const parsed = packetManifestSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    problem('manifest-shape', `${MANIFEST_FILE} is not a packet manifest (${detail})`, MANIFEST_FILE, { detail });
    return undefined;
  }
  return parsed.data as Manifest;
}

function checkFiles(entries: string[], digests: Map<string, FileDigest | null>, manifest: Manifest | undefined, problem: Report): PacketFileCheck[] {
  const files: PacketFileCheck[] = [];
  const listed = new Set<string>();
  for (const expected of manifest?.files ?? []) {
    const { name } = expected;
    if (listed.has(name) || name === MANIFEST_FILE) {
      problem('file-listed-twice', `${name} is listed in the manifest more than once`, name, { file: name });
      continue;
    }
    listed.add(name);
    const actual = digests.get(name) ?? undefined;
    const check: PacketFileCheck = { name, expected: { bytes: expected.bytes, sha256: expected.sha256 }, ok: false };
    if (actual) check.actual = actual;
    if (!digests.has(name)) {
      problem('file-missing', `${name} is listed in the manifest but missing from the packet`, name, { file: name });
    } else if (actual) {
      if (actual.bytes !== expected.bytes) {
        problem('file-bytes', `${name}: ${actual.bytes} bytes, but the manifest says ${expected.bytes}`, name, {
          file: name,
          actual: actual.bytes,
          expected: expected.bytes,
        });
      }
      if (actual.sha256 !== expected.sha256) problem('file-sha256', `${name}: SHA-256 differs from the manifest`, name, { file: name });
      check.ok = actual.bytes === expected.bytes && actual.sha256 === expected.sha256;
    }
    files.push(check);
  }
  for (const name of entries) {
    if (listed.has(name) || name === MANIFEST_FILE) continue;
    const actual = digests.get(name) ?? undefined;
    files.push({ name, ...(actual ? { actual } : {}), ok: false });
    if (manifest) problem('file-unlisted', `${name} is in the packet but not listed in the manifest`, name, { file: name });
  }
  return files;
}

function checkCounts(manifest: Manifest, problem: Report) {
  const { total } = manifest.counts;
  if (total !== manifest.commitments.count) {
    problem('counts-total', `counts.total is ${total}, but commitments.count is ${manifest.commitments.count}`, MANIFEST_FILE, {
      total,
      count: manifest.commitments.count,
    });
  }
  for (const field of TALLIES) {
    const sum = Object.values(manifest.counts[field]).reduce((a, b) => a + b, 0);
    if (sum !== total) problem('counts-sum', `counts.${field} adds up to ${sum}, not ${total}`, MANIFEST_FILE, { field, sum, total });
  }
}

function checkCommitments(manifest: Manifest, bytes: Uint8Array | undefined, present: boolean, problem: Report): PacketCheck['signatureRoot'] {
  if (!present) {
    if (!manifest.files.some((f) => f.name === COMMITMENTS_FILE)) {
      problem('file-missing', `${COMMITMENTS_FILE} is listed in the manifest but missing from the packet`, COMMITMENTS_FILE, { file: COMMITMENTS_FILE });
    }
    return undefined;
  }
  if (!bytes) return undefined;
  let commitments: unknown;
  try {
    commitments = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    commitments = null;
  }
  if (!Array.isArray(commitments) || !commitments.every((c) => typeof c === 'string' && /^[0-9a-f]{64}$/.test(c))) {
    problem('commitments-format', `${COMMITMENTS_FILE} is not a JSON array of 64-character lowercase hex strings`, COMMITMENTS_FILE);
    return undefined;
  }
  const hexes = commitments as string[];
  for (let i = 1; i < hexes.length; i++) {
    if (hexes[i - 1] >= hexes[i]) {
      problem('commitments-order', `${COMMITMENTS_FILE} is not in ascending order without duplicates (entry ${i + 1})`, COMMITMENTS_FILE, { index: i + 1 });
      break;
    }
  }
  if (hexes.length !== manifest.commitments.count) {
    problem('commitments-count', `${COMMITMENTS_FILE} holds ${hexes.length} commitments, but the manifest says ${manifest.commitments.count}`, COMMITMENTS_FILE, {
      actual: hexes.length,
      expected: manifest.commitments.count,
    });
  }
  const actual = toHex(merkleRoot(hexes.map(fromHex)));
  const ok = actual === manifest.signatureRoot;
  if (!ok) problem('root', `${COMMITMENTS_FILE}: the root of its Merkle tree differs from the manifest’s signatureRoot`, COMMITMENTS_FILE);
  return { expected: manifest.signatureRoot, actual, ok };
}

/** The OSDI export states its total and embeds every signature; both must agree with the manifest. */
function checkOsdi(bytes: Uint8Array, total: number, problem: Report) {
  let doc: { total_signatures?: unknown; _embedded?: { 'osdi:signatures'?: unknown } } | null;
  try {
    doc = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    doc = null;
  }
  const signatures = doc?._embedded?.['osdi:signatures'];
  if (!doc || typeof doc !== 'object' || !Array.isArray(signatures)) {
    problem('osdi-not-json', `${OSDI_FILE} is not an OSDI petition with its signatures`, OSDI_FILE);
    return;
  }
  if (doc.total_signatures !== total) {
    problem('osdi-total', `${OSDI_FILE}: total_signatures is ${String(doc.total_signatures)}, but counts.total is ${total}`, OSDI_FILE, {
      actual: String(doc.total_signatures),
      total,
    });
  }
  if (signatures.length !== total) {
    problem('osdi-count', `${OSDI_FILE} lists ${signatures.length} signatures, but counts.total is ${total}`, OSDI_FILE, { actual: signatures.length, total });
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
