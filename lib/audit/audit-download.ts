import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { getDb } from '@/db/client';
import { describeError, log } from '@/lib/log';
import { appendAuditEntry, type AuditEntryInput } from './append-audit-entry';

/**
 * A pass-through for a streamed download that hashes the bytes it carries. When the file ends,
 * the download is recorded (with the file's SHA-256 and size) before the last byte is released,
 * so a complete file never leaves without its entry. A download cut short is recorded too,
 * marked incomplete, with the bytes that left.
 */
export function auditDownload(entry: AuditEntryInput): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  let recorded = false;
  const record = async (details: Record<string, unknown>) => {
    recorded = true;
    const db = await getDb();
    await db.transaction((tx) => appendAuditEntry(tx, { ...entry, details: { ...entry.details, ...details } }));
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      record({ complete: true, bytes, sha256: hash.digest('hex') }).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error('the download could not be recorded')),
      );
    },
  });
  stream.once('close', () => {
    if (recorded) return;
    record({ complete: false, bytes }).catch((error) => log('error', 'an incomplete download could not be recorded in the audit log', { error: describeError(error) }));
  });
  return stream;
}
