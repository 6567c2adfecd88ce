import { createHash } from 'node:crypto';
import type { Addressee } from '@/db/schema/campaigns';

export type VersionContent = { title: string; letter: string; demands: string[]; addressees: Addressee[] };

/**
 * The canonical form of a version's signed content, documented in README ("Letter versions")
 * so anyone can recompute the hash: UTF-8 JSON with no spaces, keys in this fixed order,
 * every string in Unicode NFC with line breaks as \n, absent addressee fields as null.
 */
export function canonicalVersion(content: VersionContent): string {
  const text = (value: string | null | undefined) => (value == null ? null : value.replace(/\r\n?/g, '\n').normalize('NFC'));
  return JSON.stringify({
    title: text(content.title),
    letter: text(content.letter),
    demands: content.demands.map(text),
    addressees: content.addressees.map((a) => ({
      name: text(a.name),
      role: text(a.role),
      postalAddress: text(a.postalAddress),
      email: text(a.email),
    })),
  });
}

/** SHA-256 (lower-case hex) of the canonical form. */
export function hashVersion(content: VersionContent): string {
  return createHash('sha256').update(canonicalVersion(content), 'utf8').digest('hex');
}
