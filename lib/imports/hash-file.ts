import { createHash } from 'node:crypto';

/** The SHA-256 (hex) that identifies an import file: of its bytes, or of its text as UTF-8. */
export function hashFile(file: Uint8Array | string): string {
  return createHash('sha256').update(file).digest('hex');
}
