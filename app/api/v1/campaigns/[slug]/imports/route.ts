import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getApiCaller } from '@/lib/auth/get-api-caller';
import { AppError } from '@/lib/errors';
import { apiRoute, errorResponse, readJson } from '@/lib/http/api-response';
import { importSignatures } from '@/lib/imports/import-signatures';
import { listImports } from '@/lib/imports/list-imports';
import { previewImport } from '@/lib/imports/preview-import';
import { parseInput } from '@/lib/schemas/field-errors';
import { MAX_IMPORT_BYTES } from '@/lib/schemas/signature-import';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

// The proxy buffers at most 10 MiB of a body (Next.js `proxyClientMaxBodySize`): room for a 5 MB
// file with its quotes escaped. The 5 MB limit on the file itself is checked once it is read.
const MAX_BODY_BYTES = 2 * MAX_IMPORT_BYTES;

// Only the edge's own flag is read here; the domain checks access first, then the rest of the body.
const dryRunSchema = z.looseObject(
  { dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional() },
  { error: 'Send a JSON object with provenance and csv' },
);

/** Every 422 of this endpoint lists its problems: `line` is null when a problem is not in the file. */
function invalid(message: string, rows: number, errors: { line: number | null; field: string | null; message: string }[]) {
  return NextResponse.json({ error: { code: 'validation', message }, rows, errors }, { status: 422 });
}

/**
 * Organisers: import paper or offline signatures from CSV text. `dryRun: true` checks the file
 * and writes nothing; otherwise every row is imported, or (422) none.
 */
export const POST = apiRoute<Context>(async (request, { params }) => {
  const { slug } = await params;
  const caller = await getApiCaller(request);
  try {
    const { dryRun, ...input } = parseInput(dryRunSchema, await readJson(request, MAX_BODY_BYTES));
    if (dryRun) {
      const { rows, errors, counts, sha256 } = await previewImport(caller, slug, input);
      return NextResponse.json({ rows, errors, counts, sha256 }, { headers: { 'Cache-Control': 'no-store' } });
    }
    const result = await importSignatures(caller, slug, input);
    if (result.status === 'invalid') {
      return invalid(`${result.errors.length} problem(s) in the file; nothing was imported`, result.rows, result.errors);
    }
    const { rows, errors, counts } = result;
    return NextResponse.json({ rows, errors, counts, import: result.import }, { status: 201 });
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation' && error.fields) {
      const errors = Object.entries(error.fields).flatMap(([field, messages]) => messages.map((message) => ({ line: null, field, message })));
      return invalid(`${error.message}; nothing was imported`, 0, errors);
    }
    return errorResponse(error);
  }
});

/** Organisers: the campaign's imports with their provenance and file SHA-256, newest first. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const imports = await listImports(await getApiCaller(request), (await params).slug);
  return NextResponse.json({ imports }, { headers: { 'Cache-Control': 'no-store' } });
});
