import type { Writable } from 'node:stream';

export const OUTPUT_CLOSED = 'The document’s output was closed before it was complete';

/**
 * Writes a chunk and waits while `out` is full, so a slow reader holds the writer back. If
 * `out` is closed meanwhile (the download was cancelled) it throws, so the writer stops
 * reading signatories instead of waiting forever.
 */
export async function writeOut(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new Error(OUTPUT_CLOSED);
  if (out.write(chunk)) return;
  await drained(out, out);
}

/** Resolves when `stream` drains; rejects if `out` closes or fails first. */
export function drained(stream: NodeJS.EventEmitter, out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error(OUTPUT_CLOSED));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error(OUTPUT_CLOSED));
    stream.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', settle);
  });
}

/** Rejects when `out` closes before it finished: a race partner for work that would wait forever. */
export function closedEarly(out: Writable): Promise<never> {
  const closed = new Promise<never>((_, reject) => {
    const onClose = () => {
      // Closing after a complete document is normal.
      if (!out.writableFinished) reject(new Error(OUTPUT_CLOSED));
    };
    if (out.destroyed) onClose();
    else out.once('close', onClose);
  });
  closed.catch(() => {});
  return closed;
}

/** Ends `out` and waits until everything written has been flushed. */
export async function endOut(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}
