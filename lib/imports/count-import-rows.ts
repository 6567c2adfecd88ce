import { SIGNER_KINDS, type SignerKind } from '@/db/schema/campaigns';
import { visibilityValues, type Visibility } from '@/lib/schemas/signature';
import type { ImportRow } from './read-import-rows';

export type ImportCounts = {
  byKind: Record<SignerKind, number>;
  byVisibility: Record<Visibility, number>;
  /** People behind the signatures: group members, 1 for everyone else. */
  people: number;
  withEmail: number;
};

/** What an import adds, for the organiser to check before confirming. */
export function countImportRows(rows: ImportRow[]): ImportCounts {
  const counts: ImportCounts = {
    byKind: Object.fromEntries(SIGNER_KINDS.map((kind) => [kind, 0])) as Record<SignerKind, number>,
    byVisibility: Object.fromEntries(visibilityValues.map((value) => [value, 0])) as Record<Visibility, number>,
    people: 0,
    withEmail: 0,
  };
  for (const { data, emailCanonical } of rows) {
    counts.byKind[data.kind]++;
    counts.byVisibility[data.visibility]++;
    counts.people += data.kind === 'group' ? (data.members ?? 1) : 1;
    if (emailCanonical !== null) counts.withEmail++;
  }
  return counts;
}
