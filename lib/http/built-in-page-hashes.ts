import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inlineScriptHashes } from './inline-script-hashes';

// Prerendered by `next build` and served as they are: the not-found page for any unknown address,
// and the error page shown when a layout fails. The proxy cannot tell such an address from a page
// it renders, so every nonce policy also allows these few scripts.
const BUILT_IN_PAGES = ['_not-found.html', '_global-error.html'];

let cached: string[] | undefined;

/** The SHA-256 sources of the built-in pages' inline scripts, read once from the build (none in `next dev`). */
export function builtInPageHashes(): string[] {
  cached ??= BUILT_IN_PAGES.flatMap((file) => {
    try {
      return inlineScriptHashes(readFileSync(path.join(process.cwd(), '.next', 'server', 'app', file), 'utf8'));
    } catch {
      return [];
    }
  });
  return cached;
}
