import { Readable } from 'node:stream';
import type { ExportedDocument } from '@/lib/documents/export-document';

/** A streamed download: the browser saves it under its name and nothing caches it. */
export function documentResponse(document: ExportedDocument): Response {
  return new Response(Readable.toWeb(document.body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': document.contentType,
      'Content-Disposition': `attachment; filename="${document.filename}"`,
      'Cache-Control': 'no-store',
      'X-Signatory-Count': String(document.signatories),
    },
  });
}
