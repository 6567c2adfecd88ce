import { describe, expect, it } from 'vitest';
import { commitmentFor, receiptHash } from '@/lib/deliveries/commitment';
import { fromHex, inclusionProof, toHex } from '@/lib/deliveries/merkle';
import { verifyReceiptProof, type ReceiptDelivery } from '@/lib/verification/verify-receipt-proof';
import { manifestText, sha256Hex, testPacket } from '../helpers/test-packet';

/** What the receipt API would answer for the `signer`th receipt of a packet built from the format. */
function answerFor(signer: number, signers = 12): { receipt: string; delivery: ReceiptDelivery } {
  const packet = testPacket(signers);
  const manifest = manifestText(packet);
  const receipt = packet.receipts[signer];
  const commitment = toHex(commitmentFor(receiptHash(receipt), packet.deliveryId));
  const leafIndex = packet.commitments.indexOf(commitment);
  return {
    receipt,
    delivery: {
      id: packet.deliveryId,
      campaign: { slug: 'free-the-lawyers', title: 'Free the lawyers' },
      addressee: 'UN High Commissioner for Human Rights',
      channel: 'email',
      deliveredOn: '2026-11-24',
      manifestSha256: sha256Hex(manifest),
      manifest,
      commitment,
      leafIndex,
      treeSize: signers,
      proof: inclusionProof(packet.commitments.map(fromHex), leafIndex).map(toHex),
    },
  };
}

describe('verifyReceiptProof', () => {
  it('confirms every signer of trees of several shapes, the one-leaf tree included', () => {
    for (const size of [1, 2, 5, 12]) {
      for (let signer = 0; signer < size; signer++) {
        const { receipt, delivery } = answerFor(signer, size);
        expect(verifyReceiptProof(receipt, delivery)).toEqual({ ok: true, failures: [] });
      }
    }
  });

  it('fails for another receipt, and for a malformed one', () => {
    const { delivery } = answerFor(3);
    const other = answerFor(4).receipt;
    expect(verifyReceiptProof(other, delivery)).toEqual({ ok: false, failures: ['commitment', 'proof'] });
    expect(verifyReceiptProof('not a receipt', delivery)).toEqual({ ok: false, failures: ['receipt-malformed'] });
  });

  it('fails for a tampered proof, leaf index or tree size', () => {
    const { receipt, delivery } = answerFor(5);
    const proof = [...delivery.proof];
    proof[1] = proof[1].replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(verifyReceiptProof(receipt, { ...delivery, proof }).failures).toEqual(['proof']);
    expect(verifyReceiptProof(receipt, { ...delivery, proof: delivery.proof.slice(1) }).failures).toEqual(['proof']);
    expect(verifyReceiptProof(receipt, { ...delivery, leafIndex: delivery.leafIndex ^ 1 }).failures).toEqual(['proof']);
    expect(verifyReceiptProof(receipt, { ...delivery, proof: ['zz'] }).failures).toEqual(['proof']);
    // For a leaf in the first eight, the same audit path also verifies against size 13: the manifest's count catches it.
    expect(verifyReceiptProof(receipt, { ...delivery, treeSize: 13 }).failures).toContain('tree-size');
  });

  it('fails for a manifest other than the published one, or another delivery’s', () => {
    const { receipt, delivery } = answerFor(2);
    const tampered = delivery.manifest.replace('UN High Commissioner', 'UN Low Commissioner');
    expect(verifyReceiptProof(receipt, { ...delivery, manifest: tampered }).failures).toEqual(['manifest-hash']);
    const other = answerFor(2);
    expect(verifyReceiptProof(receipt, { ...delivery, manifest: other.delivery.manifest, manifestSha256: other.delivery.manifestSha256 }).failures).toEqual([
      'manifest-delivery',
      'proof',
    ]);
    expect(verifyReceiptProof(receipt, { ...delivery, manifest: '{', manifestSha256: sha256Hex('{') }).failures).toEqual(['manifest-unreadable']);
  });
});
