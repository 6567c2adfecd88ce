import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Caller } from '@/lib/auth/caller';
import { exportDocument } from '@/lib/documents/export-document';

/** The bytes of a document as a download would deliver them. */
export async function documentBytes(caller: Caller | null, slug: string, format: string, filters: Record<string, string> = {}): Promise<Buffer> {
  const { body } = await exportDocument(caller, slug, format, filters);
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const xmlText = (xml: string) =>
  xml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Everything a reader of the document could see, as text, whatever its format. */
export async function documentText(caller: Caller | null, slug: string, format: string, filters: Record<string, string> = {}): Promise<string> {
  return readableText(await documentBytes(caller, slug, format, filters), format);
}

/** A document's bytes (a download, a file of a delivery packet) as the text a reader sees. */
export async function readableText(bytes: Buffer, format: string): Promise<string> {
  if (format === 'pdf') {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    return text;
  }
  if (format === 'xlsx' || format === 'docx') {
    const zip = await JSZip.loadAsync(bytes);
    const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
    return parts.map(xmlText).join('\n');
  }
  return bytes.toString('utf8');
}
