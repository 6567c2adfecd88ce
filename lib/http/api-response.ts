import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { noteDatabaseError, RETRY_AFTER_SECONDS } from '@/lib/health/database-status';
import { isForeignRequest } from './is-foreign-request';
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

/**
 * Who may call a mutating route from another site's page:
 * - 'same-site' (the default): a foreign browser request that carries cookies is refused with a
 *   403, as the session cookie would otherwise act for the organiser (cross-site request forgery);
 * - 'any-site': the route never reads the session cookie (a public form, a token in the body, a
 *   signed webhook), so another site may call it; the route says why in a comment.
 */
export type CrossSite = 'same-site' | 'any-site';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A foreign browser request with cookies, to a route that may act on them. Clients that send no
 * cookie (curl, scripts, a future bearer token) have no ambient credential to abuse, and pass.
 */
export function isCrossSiteForgery(request: Request): boolean {
  return !SAFE_METHODS.has(request.method) && request.headers.has('cookie') && isForeignRequest(request.headers);
}

/**
 * Wraps a route handler so every failure becomes a clean JSON answer, never a stack trace, and
 * a mutation with the session cookie from another site is refused before the handler runs.
 */
export function apiRoute<C>(handler: (request: Request, context: C) => Promise<Response>, crossSite: CrossSite = 'same-site') {
  const route = async (request: Request, context: C): Promise<Response> => {
    if (crossSite === 'same-site' && isCrossSiteForgery(request)) {
      return NextResponse.json({ error: { code: 'forbidden', message: 'This request can only be sent from this site.' } }, { status: 403 });
    }
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
  // Read by the test that calls every route from another site (tests/integration/api-origin.test.ts).
  return Object.assign(route, { crossSite });
}
