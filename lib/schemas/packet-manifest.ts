import { z } from 'zod';
import { COMMITMENTS_FILE, DELIVERY_CHANNELS, PACKET_FORMAT } from '@/lib/deliveries/manifest';
import { PACKET_LIMITS } from '@/lib/verification/read-packet-zip';

// The Verify page checks packets with this schema in the browser, where zod would first try
// `Function('')` to compile its parsers: the page's Content-Security-Policy forbids eval, so the
// try is reported as a violation. Told not to try, it parses the same way without compiling.
if (typeof window !== 'undefined') z.config({ jitless: true });

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex characters' });
const count = z.int().nonnegative();
// Bounds a hostile manifest cannot exceed: a packet has at most 32 entries, and a tally fewer keys than there are countries.
const tally = z.record(z.string().max(64), count).refine((record) => Object.keys(record).length <= 300, { error: 'has too many keys' });

/**
 * manifest.json as a verifier reads it: every field the format defines, of its type, and no
 * others, since a key this format does not define is one nobody can vouch for.
 */
export const packetManifestSchema = z.strictObject({
  format: z.literal(PACKET_FORMAT),
  delivery: z.strictObject({ id: z.string().min(1), deliveredOn: z.iso.date() }),
  campaign: z.strictObject({ slug: z.string().min(1), title: z.string(), url: z.string() }),
  letter: z.strictObject({ version: z.int().positive(), sha256: sha256Hex }),
  addressee: z.strictObject({ name: z.string(), role: z.string().nullable() }),
  channel: z.enum(DELIVERY_CHANNELS),
  generatedAt: z.iso.datetime(),
  filters: z.record(z.string(), z.unknown()).refine((record) => Object.keys(record).length <= 20, { error: 'has too many keys' }),
  counts: z.strictObject({ total: count, byKind: tally, byCountry: tally, bySource: tally, byVisibility: tally }),
  files: z.array(z.strictObject({ name: z.string().min(1).max(255), bytes: count, sha256: sha256Hex })).max(PACKET_LIMITS.entries),
  commitments: z.strictObject({ file: z.literal(COMMITMENTS_FILE), count, scheme: z.string(), tree: z.string() }),
  signatureRoot: sha256Hex,
});
