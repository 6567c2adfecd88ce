import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { campaigns, deliveries, deliverySignatures, signatures } from '@/db/schema';
import { sha256 } from '@/lib/crypto/sha256';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { parseInput } from '@/lib/schemas/field-errors';
import { commitmentFor, isWellFormedReceipt, receiptHash } from './commitment';
import type { ReceiptDelivery } from '@/lib/verification/verify-receipt-proof';
import { campaignIsPublic, publishedDeliveryColumns } from './find-published-delivery';
import { equalBytes, inclusionProof, toHex } from './merkle';

const receiptSchema = z.strictObject({
  receipt: z
    .string({ error: 'Receipt is required' })
    .trim()
    .refine(isWellFormedReceipt, { error: 'A receipt is 43 characters: letters, digits, - and _' }),
});

/**
 * The deliveries that included the signature behind a receipt, each with its Merkle proof.
 * A receipt nobody holds gets the same answer as one not yet delivered: an empty list.
 */
export async function findReceiptDeliveries(input: unknown, options: { client?: string | null } = {}): Promise<{ deliveries: ReceiptDelivery[] }> {
  await enforceLimit('verify-receipt-client', options.client ?? null);
  const { receipt } = parseInput(receiptSchema, input);
  const hash = receiptHash(receipt);
  const db = await getDb();
  const rows = await db
    .select({ ...publishedDeliveryColumns, manifest: deliveries.manifest, commitments: deliveries.commitments })
    .from(signatures)
    .innerJoin(deliverySignatures, eq(deliverySignatures.signatureId, signatures.id))
    .innerJoin(deliveries, eq(deliveries.id, deliverySignatures.deliveryId))
    .innerJoin(campaigns, eq(campaigns.id, deliveries.campaignId))
    .where(and(eq(signatures.receiptHash, toHex(hash)), campaignIsPublic))
    .orderBy(deliveries.deliveredOn, deliveries.createdAt);

  const found: ReceiptDelivery[] = [];
  for (const row of rows) {
    const commitment = commitmentFor(hash, row.id);
    const leaves = Array.from({ length: row.commitments.length / 32 }, (_, i) => row.commitments.subarray(i * 32, (i + 1) * 32));
    const index = findLeaf(leaves, commitment);
    if (index < 0) continue;
    found.push({
      id: row.id,
      campaign: { slug: row.slug, title: row.title },
      addressee: row.addressee.name,
      channel: row.channel,
      deliveredOn: row.deliveredOn,
      manifestSha256: row.manifestSha256,
      manifest: row.manifest,
      commitment: toHex(commitment),
      leafIndex: index,
      treeSize: leaves.length,
      proof: inclusionProof(leaves, index, sha256).map(toHex),
    });
  }
  return { deliveries: found };
}

/** Binary search: the leaves are sorted ascending. */
function findLeaf(leaves: Uint8Array[], target: Uint8Array): number {
  let low = 0;
  let high = leaves.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const order = Buffer.compare(leaves[mid], target);
    if (order === 0) return equalBytes(leaves[mid], target) ? mid : -1;
    if (order < 0) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}
