import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The RFC 6962 (Certificate Transparency) Merkle tree, as published in every packet's manifest.
 * Leaf hash SHA-256(0x00 || leaf), node hash SHA-256(0x01 || left || right); a tree of n leaves
 * splits at the largest power of two below n, which is RFC 6962's rule for an odd count.
 * Pure and synchronous, so the verification page runs the very same code in the browser.
 */

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

/** SHA-256 of some bytes. The browser uses @noble/hashes; the server passes Node's, which is many times faster. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function leafHash(leaf: Uint8Array, hash: Sha256 = sha256): Uint8Array {
  return hash(concat(LEAF, leaf));
}

export function nodeHash(left: Uint8Array, right: Uint8Array, hash: Sha256 = sha256): Uint8Array {
  return hash(concat(NODE, left, right));
}

/** MTH(D[n]) of RFC 6962 section 2.1; the empty tree's root is SHA-256 of nothing. */
export function merkleRoot(leaves: readonly Uint8Array[], hash: Sha256 = sha256): Uint8Array {
  if (leaves.length === 0) return hash(new Uint8Array(0));
  // Bottom-up over the leaf hashes; carrying an unpaired last node up a level unchanged gives
  // exactly the split at the largest power of two, without recursion over 100,000s of leaves.
  let level = leaves.map((leaf) => leafHash(leaf, hash));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1], hash));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/** PATH(m, D[n]) of RFC 6962 section 2.1.1: the audit path for leaf `index`, nearest the leaf first. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number, hash: Sha256 = sha256): Uint8Array[] {
  if (index < 0 || index >= leaves.length) throw new RangeError('leaf index out of range');
  const path: Uint8Array[] = [];
  let level = leaves.map((leaf) => leafHash(leaf, hash));
  let at = index;
  while (level.length > 1) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < level.length) path.push(level[sibling]);
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1], hash));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
    at = Math.floor(at / 2);
  }
  return path;
}

/** RFC 9162 section 2.1.3.2: does `proof` lead from `leaf` at `index` in a tree of `size` to `root`? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new TypeError('not lowercase hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
