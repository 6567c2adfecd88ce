import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { noteDatabaseError, RETRY_AFTER_SECONDS } from '@/lib/health/database-status';
import { readBody } from './read-body';

export const MAX_JSON_BYTES = 64 * 1024;

/** Reads a JSON body: refuses other content types, bodies over 64 KiB and malformed JSON with a 4xx. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const text = await readBody(request, maxBytes);
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
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds) headers['Retry-After'] = String(Math.ceil(error.retryAfterSeconds));
    // A 401 says how to authenticate (RFC 6750): an API token as a bearer token.
    if (error.code === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer realm="undersigned"';
    return NextResponse.json(body, { status: error.status, headers });
  }
  if (noteDatabaseError(error)) return unavailableResponse();
  log('error', 'unexpected error in an API route', { error: describeError(error) });
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong on our side' } }, { status: 500 });
}

/** The database cannot be reached: try again shortly. Nothing was written. */
export function unavailableResponse(): NextResponse {
  return NextResponse.json(
    { error: { code: 'unavailable', message: 'The service is briefly unavailable; nothing was saved. Please try again in a few seconds.' } },
    { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } },
  );
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
