import { sha256 } from '@noble/hashes/sha2.js';
import { commitmentFor, isWellFormedReceipt, receiptHash } from '@/lib/deliveries/commitment';
import { fromHex, toHex, verifyInclusion } from '@/lib/deliveries/merkle';

/** One delivery as POST /api/v1/verify/receipt answers it: what the browser needs to check inclusion itself. */
export type ReceiptDelivery = {
  id: string;
  campaign: { slug: string; title: string };
  addressee: string;
  channel: string;
  deliveredOn: string;
  manifestSha256: string;
  /** manifest.json's text, exactly as in the packet. */
  manifest: string;
  commitment: string;
  leafIndex: number;
  treeSize: number;
  proof: string[];
};

export type ReceiptProofFailure = 'receipt-malformed' | 'commitment' | 'manifest-hash' | 'manifest-unreadable' | 'manifest-delivery' | 'tree-size' | 'proof';

export type ReceiptProofCheck = { ok: boolean; failures: ReceiptProofFailure[] };

/**
 * Checks, without trusting the server, that a receipt's signature is in a delivery: the commitment
 * is recomputed from the receipt, the manifest must hash to the published value and name this
 * delivery, and the audit path must lead from the commitment to the manifest's signatureRoot.
 */
export function verifyReceiptProof(receipt: string, delivery: ReceiptDelivery): ReceiptProofCheck {
  const failures: ReceiptProofFailure[] = [];
  if (!isWellFormedReceipt(receipt)) return { ok: false, failures: ['receipt-malformed'] };

  const commitment = commitmentFor(receiptHash(receipt), delivery.id);
  if (toHex(commitment) !== delivery.commitment) failures.push('commitment');

  const manifestBytes = new TextEncoder().encode(delivery.manifest);
  if (toHex(sha256(manifestBytes)) !== delivery.manifestSha256.toLowerCase()) failures.push('manifest-hash');

  const manifest = readManifest(delivery.manifest);
  if (!manifest) {
    failures.push('manifest-unreadable');
    return { ok: false, failures };
  }
  // A proof against another delivery's manifest would prove nothing about this one.
  if (manifest.deliveryId.toLowerCase() !== delivery.id.toLowerCase()) failures.push('manifest-delivery');
  if (manifest.count !== delivery.treeSize) failures.push('tree-size');

  let included = false;
  try {
    included = verifyInclusion(commitment, delivery.leafIndex, delivery.treeSize, delivery.proof.map(fromHex), fromHex(manifest.root));
  } catch {
    included = false;
  }
  if (!included) failures.push('proof');
  return { ok: failures.length === 0, failures };
}

function readManifest(text: string): { deliveryId: string; count: number; root: string } | null {
  try {
    const json = JSON.parse(text);
    const deliveryId = json?.delivery?.id;
    const count = json?.commitments?.count;
    const root = json?.signatureRoot;
    if (typeof deliveryId !== 'string' || !Number.isInteger(count) || typeof root !== 'string' || !/^[0-9a-f]{64}$/.test(root)) return null;
    return { deliveryId, count, root };
  } catch {
    return null;
  }
}
