import { AppError } from '@/lib/errors';
import { readUpTo } from './read-up-to';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body as text, refusing (413) a body over `maxBytes` before it is read in
 * full, and (400) bytes that are not valid UTF-8: decoding them leniently would turn them into
 * U+FFFD and store a name that nobody typed.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError('payload_too_large', `The body must be at most ${maxBytes} bytes`);
  const bytes = await readUpTo(request.body, maxBytes);
  if (!bytes) throw new AppError('payload_too_large', `The body must be at most ${maxBytes} bytes`);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new AppError('bad_request', 'The body is not valid UTF-8');
  }
}
