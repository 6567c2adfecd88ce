import type { Caller } from '@/lib/auth/caller';
import type { ImportCounts } from './count-import-rows';
import { prepareImport } from './prepare-import';
import type { ImportError } from './read-import-rows';

export type ImportPreview = { rows: number; errors: ImportError[]; counts: ImportCounts; sha256: string };

/** What an import would do, with every problem found, writing nothing. */
export async function previewImport(caller: Caller | null, slug: string, input: unknown): Promise<ImportPreview> {
  const { rows, errors, counts, sha256 } = await prepareImport(caller, slug, input);
  return { rows, errors, counts, sha256 };
}
