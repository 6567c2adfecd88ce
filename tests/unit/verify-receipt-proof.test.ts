import { describe, expect, it } from 'vitest';
import { verifyReceiptProof, type ReceiptDelivery } from '@/lib/verification/verify-receipt-proof';
import { receiptAnswer, sha256Hex, testPacket } from '../helpers/test-packet';

/** A packet of `signers` built from the format, the `signer`th receipt, and what the receipt API would answer for it. */
function answerFor(signer: number, signers = 12): { receipt: string; delivery: ReceiptDelivery } {
  const packet = testPacket(signers);
  return { receipt: packet.receipts[signer], delivery: receiptAnswer(packet, signer) };
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
