'use server';

import { refresh } from 'next/cache';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import type { ImportCounts } from '@/lib/imports/count-import-rows';
import { sha256Hex } from '@/lib/crypto/sha256';
import { importSignatures } from '@/lib/imports/import-signatures';
import { previewImport } from '@/lib/imports/preview-import';
import type { ImportError } from '@/lib/imports/read-import-rows';
import { MAX_FORM_IMPORT_BYTES } from '@/lib/schemas/signature-import';
import { requireSignedIn } from '../../../page-helpers';
import { formText } from '@/lib/http/form-data';

// A page shows this many problems; the API lists every one.
const SHOWN_PROBLEMS = 200;

export type ImportFormValues = { description: string; collectedBy: string; collectedOn: string };

export type ImportFormState =
  | { status: 'idle'; values: ImportFormValues }
  | { status: 'refused'; values: ImportFormValues; reason: 'noFile' | 'tooLarge' | 'changed' | 'duplicate' | 'invalid'; problems: ImportError[] }
  | {
      status: 'preview';
      values: ImportFormValues;
      fileName: string;
      sha256: string;
      rows: number;
      counts: ImportCounts;
      problems: ImportError[];
      moreProblems: number;
    }
  | { status: 'imported'; values: ImportFormValues; fileName: string; rows: number };

function readValues(form: FormData): ImportFormValues {
  const text = (name: string) => formText(form, name) ?? '';
  return { description: text('description'), collectedBy: text('collectedBy'), collectedOn: text('collectedOn') };
}

/**
 * Checks an uploaded file (the default button) or imports it. Without JavaScript a file input
 * cannot be filled again, so importing takes the file once more and only if it is the very file
 * previewed (same SHA-256); the domain then checks everything again.
 */
export async function importAction(slug: string, _previous: ImportFormState, form: FormData): Promise<ImportFormState> {
  requireText(slug);
  requireForm(form);
  const caller = await requireSignedIn();
  const values = readValues(form);
  const refused = (reason: Extract<ImportFormState, { status: 'refused' }>['reason'], problems: ImportError[] = []): ImportFormState => ({
    status: 'refused',
    values,
    reason,
    problems,
  });
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return refused('noFile');
  if (file.size > MAX_FORM_IMPORT_BYTES) return refused('tooLarge');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fileName = file.name.slice(0, 255);
  // An empty field is a missing one: "is required", not also "must contain letters".
  const provenance = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
  const input = { provenance, csv: bytes, fileName: fileName || null };
  const shown = (problems: ImportError[]) => ({ problems: problems.slice(0, SHOWN_PROBLEMS), moreProblems: Math.max(0, problems.length - SHOWN_PROBLEMS) });
  try {
    if (form.get('intent') === 'import') {
      if (form.get('sha256') !== sha256Hex(bytes)) return refused('changed');
      const result = await orNotFound(importSignatures(caller, slug, input));
      if (result.status === 'invalid') {
        return { status: 'preview', values, fileName, sha256: '', rows: result.rows, counts: result.counts, ...shown(result.errors) };
      }
      refresh();
      return { status: 'imported', values: { description: '', collectedBy: '', collectedOn: '' }, fileName, rows: result.rows };
    }
    const preview = await orNotFound(previewImport(caller, slug, input));
    return { status: 'preview', values, fileName, sha256: preview.sha256, rows: preview.rows, counts: preview.counts, ...shown(preview.errors) };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === 'conflict') return refused('duplicate', [{ line: null, field: null, message: error.message }]);
      if (error.code === 'payload_too_large') return refused('tooLarge');
      if (error.code === 'validation') {
        const problems = Object.entries(error.fields ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ line: null, field, message })));
        return refused('invalid', problems);
      }
    }
    throw error;
  }
}
