import { readFileSync } from 'node:fs';
import path from 'node:path';

export type FontName = 'regular' | 'bold';

// Vazirmatn (npm `vazirmatn`, SIL Open Font License 1.1, https://github.com/rastikerdar/vazirmatn):
// one file covers Latin with accents, Persian and Arabic, so names in either script need no
// font fallback, which pdfkit does not have. Read from node_modules, never fetched at run time.
const FILES: Record<FontName, string> = {
  regular: 'Vazirmatn-Regular.ttf',
  bold: 'Vazirmatn-Bold.ttf',
};

let loaded: Record<FontName, Buffer> | undefined;

/** The embedded fonts' bytes, read once per process. */
export function loadFonts(): Record<FontName, Buffer> {
  if (!loaded) {
    const dir = path.join(process.cwd(), 'node_modules', 'vazirmatn', 'fonts', 'ttf');
    loaded = { regular: readFileSync(path.join(dir, FILES.regular)), bold: readFileSync(path.join(dir, FILES.bold)) };
  }
  return loaded;
}
