import { createHash } from 'node:crypto';

// An inline <script> (no src attribute) and its text, exactly as the browser hashes it. React
// escapes `<` in what it inlines, so a script's text never holds `</script`.
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP sources (`sha256-…`) of every inline script in a page's HTML, in order, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    hashes.add(`sha256-${createHash('sha256').update(match[1] ?? '', 'utf8').digest('base64')}`);
  }
  return [...hashes];
}
