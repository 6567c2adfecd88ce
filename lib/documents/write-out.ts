import type { Writable } from 'node:stream';

/**
 * Writes a chunk and waits while `out` is full, so a slow reader holds the writer back. If
 * `out` is closed meanwhile (the download was cancelled) it throws, so the writer stops
 * reading signatories instead of waiting forever.
 */
export async function writeOut(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new Error('The document’s output was closed before it was complete');
  if (out.write(chunk)) return;
  await drained(out);
}

export function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('The document’s output was closed before it was complete'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', settle);
  });
}

/** Ends `out` and waits until everything written has been flushed. */
export async function endOut(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}
