import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';

export const MAX_JSON_BYTES = 64 * 1024;

/** Reads a JSON body: refuses other content types, bodies over 64 KiB and malformed JSON with a 4xx. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError('payload_too_large', `The body must be at most ${maxBytes} bytes`);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new AppError('payload_too_large', `The body must be at most ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new AppError('bad_request', 'The body is empty; send a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON');
  }
}

/** Maps any error to a JSON answer. Expected ones keep their message; anything else is a bare 500. */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const body = error.fields
      ? { error: { code: error.code, message: error.message }, errors: error.fields }
      : { error: { code: error.code, message: error.message } };
    return NextResponse.json(body, { status: error.status });
  }
  log('error', 'unexpected error in an API route', { error: describeError(error) });
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong on our side' } }, { status: 500 });
}

/** Wraps a route handler so every failure becomes a clean JSON answer, never a stack trace. */
export function apiRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
