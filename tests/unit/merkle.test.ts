import { describe, expect, it } from 'vitest';
import { commitmentFor, commitmentHex, commitmentMessage, isWellFormedReceipt, receiptHash } from '@/lib/deliveries/commitment';
import { fromHex, inclusionProof, merkleRoot, toHex, verifyInclusion } from '@/lib/deliveries/merkle';
import { hmacSha256, sha256 } from '@/lib/crypto/sha256';
import { createToken } from '@/lib/signatures/create-token';

// The RFC 6962 reference vectors (Certificate Transparency's merkle tree tests): the first n leaves, and each root.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('the RFC 6962 Merkle tree', () => {
  it('gives the reference roots for 1 to 8 leaves, and SHA-256 of nothing for none', () => {
    ROOTS.forEach((root, i) => expect(toHex(merkleRoot(LEAVES.slice(0, i + 1)))).toBe(root));
    expect(toHex(merkleRoot([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('proves every leaf of trees of every size up to 70, and no other leaf or position', () => {
    for (let size = 1; size <= 70; size++) {
      const leaves = Array.from({ length: size }, (_, i) => Uint8Array.of(i, size));
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index);
        expect(verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
        if (size > 1) {
          expect(verifyInclusion(leaves[(index + 1) % size], index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[index], (index + 1) % size, size, proof, root)).toBe(false);
        }
      }
    }
  });

  it('notices a changed leaf, a changed proof step and a wrong tree size', () => {
    const leaves = Array.from({ length: 13 }, (_, i) => Uint8Array.of(i));
    const root = merkleRoot(leaves);
    const proof = inclusionProof(leaves, 6);
    const tampered = proof.map((step, i) => (i === 1 ? Uint8Array.from(step, (b, j) => (j === 0 ? b ^ 1 : b)) : step));
    expect(verifyInclusion(leaves[6], 6, 13, tampered, root)).toBe(false);
    expect(verifyInclusion(leaves[12], 12, 14, inclusionProof(leaves, 12), root)).toBe(false);
    expect(toHex(merkleRoot([...leaves.slice(0, 12), Uint8Array.of(99)]))).not.toBe(toHex(root));
  });
});

describe('commitments', () => {
  const receipt = 'q0Xv3mKk9mF2cL1dJ4tN8sRwYb6Hh5Zp7Ue2Ai0Oo3E';
  const delivery = '0b6f5f0e-3f0a-4d7e-9a51-6f1d2c3b4a59';

  it('are HMAC-SHA256 keyed by the receipt’s hash over the delivery id, as docs/verification.md says', () => {
    expect(isWellFormedReceipt(receipt)).toBe(true);
    // Recomputed with: printf %s "$receipt" | sha256sum; then openssl dgst -sha256 -mac HMAC -macopt hexkey:<that> over the message.
    expect(toHex(receiptHash(receipt))).toBe('3474f0167fa4c0f0d836c978e47ac74dc57c2075353f0257faacc20d135238f4');
    expect(commitmentHex(receiptHash(receipt), delivery)).toBe('5e657d3e4d7ef3fca8363f6de1e769a541e49f714fd7306807076907ef38dbd8');
    expect(commitmentHex(receiptHash(receipt), delivery)).toBe(commitmentHex(receiptHash(receipt), delivery.toUpperCase()));
  });

  it('come out the same from the server’s Node hashes as from the browser’s code', () => {
    for (let i = 0; i < 50; i++) {
      const key = Uint8Array.from({ length: 32 }, (_, j) => (i * 31 + j * 7) % 256);
      expect(toHex(hmacSha256(key, commitmentMessage(delivery)))).toBe(toHex(commitmentFor(key, delivery)));
    }
    const leaves = Array.from({ length: 37 }, (_, i) => Uint8Array.of(i, 255 - i));
    expect(toHex(merkleRoot(leaves, sha256))).toBe(toHex(merkleRoot(leaves)));
    expect(inclusionProof(leaves, 20, sha256).map(toHex)).toEqual(inclusionProof(leaves, 20).map(toHex));
    // A receipt is made as a token is, and the hash stored with it is the one the browser recomputes.
    const { token, tokenHash } = createToken();
    expect(tokenHash).toBe(toHex(receiptHash(token)));
    expect(isWellFormedReceipt(token)).toBe(true);
  });

  it('differ between deliveries and between signers, so nothing links them', () => {
    const other = '1c7e6a1f-4a1b-4e8f-8b62-7a2e3d4c5b6a';
    expect(toHex(commitmentFor(receiptHash(receipt), delivery))).not.toBe(toHex(commitmentFor(receiptHash(receipt), other)));
    expect(toHex(commitmentFor(receiptHash(receipt), delivery))).not.toBe(toHex(commitmentFor(receiptHash(`${receipt.slice(0, 42)}F`), delivery)));
    expect(isWellFormedReceipt(`${receipt}=`)).toBe(false);
    expect(isWellFormedReceipt(receipt.slice(1))).toBe(false);
  });
});
