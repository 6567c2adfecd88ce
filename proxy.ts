import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseDown, RETRY_AFTER_SECONDS } from '@/lib/health/database-status';
import { readLimited, refuseByFields, refuseByHeaders, refuseByText, type Refusal } from '@/lib/http/action-request';
import { builtInPageHashes } from '@/lib/http/built-in-page-hashes';
import { policyOptions } from '@/lib/http/cached-page-policy';
import { createNonce, pagePolicy, transportHeaders } from '@/lib/http/security-headers';
import { AREA_HEADER, isLocale, LOCALE_COOKIE, pickLocale } from '@/lib/i18n/locales';

/** The organiser area: its interface exists in fewer languages than the signers' pages. */
const ORGANISER_PATH = /^\/(?:dashboard|login)(?:\/|$)/;
/** A language carried by a link (`?lang=fa`): in a signer's mail, the one they signed in. */
const LANG_PARAM = 'lang';
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** `/c/{slug}`: the address of a letter in mails, links and the API, in no language of its own. */
const LETTER_PATH = /^\/c\/([^/]+)$/;
/** A letter page, with or without its language: served from the cache, without the database. */
const ANY_LETTER_PATH = /^\/(?:[a-z]{2}\/)?c\/[a-z0-9-]+\/?$/;

/**
 * A POST to a page is a server action call. Next.js answers a malformed one with a 500, so its
 * origin, size and encoded arguments are checked here first; see lib/http/action-request.ts.
 */
async function refuseAction(request: NextRequest): Promise<Refusal | null> {
  const byHeaders = refuseByHeaders(request.headers);
  if (byHeaders) return byHeaders;
  const contentType = request.headers.get('content-type') ?? '';
  const multipart = contentType.toLowerCase().startsWith('multipart/form-data');
  const jsCall = request.headers.has('next-action');
  if (!multipart && !jsCall) return null;
  const body = await readLimited(request.body);
  if (!(body instanceof Uint8Array)) return body;
  if (!multipart) return refuseByText(new TextDecoder().decode(body));
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { status: 400, message: 'The form is not valid.' };
  }
  return refuseByFields(form, request.headers.has('next-action'));
}

/**
 * Runs before every route:
 * - refuses addresses whose percent-encoding is broken (`/c/%ff`) with a 400; left alone,
 *   Next.js fails to decode the segment and answers a bare 500;
 * - while the database is unreachable, answers 503 with Retry-After at once instead of letting
 *   requests wait on it (the health check and cached letter pages still answer);
 * - refuses malformed server action calls (403 foreign origin, 413 too large, 400 undecodable);
 * - serves `/c/{slug}` from the cached `/{locale}/c/{slug}` in the reader's language. A rewrite,
 *   not a redirect: the address a reader copies stays the one that opens in each recipient's
 *   language, and a viral link costs no extra round trip;
 * - sets the security headers (lib/http/security-headers.ts): a page rendered for this request
 *   gets a Content-Security-Policy with a fresh nonce, which Next.js reads from the request and
 *   puts on its scripts; a cached letter page gets its policy from the cache entry instead.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    return plain(request, 400, 'bad_request', 'The address is not valid: its percent-encoding is broken.');
  }
  if (isDatabaseDown() && !pathname.startsWith('/api/health') && !isCachedPage(request)) {
    return plain(request, 503, 'unavailable', 'The service is briefly unavailable; nothing was saved. Please try again in a few seconds.', {
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    });
  }
  if (request.method === 'POST' && !pathname.startsWith('/api/')) {
    const refusal = await refuseAction(request);
    if (refusal) return plain(request, refusal.status, 'bad_request', refusal.message);
  }
  // A link in a signer's mail (or from a letter page) carries a language: it becomes the reader's
  // choice, as if they had used the switcher (the same cookie), and the address loses it again, so
  // a copied address still opens in each reader's own language. A fragment survives the redirect.
  const carried = request.nextUrl.searchParams.get(LANG_PARAM);
  if (carried !== null && request.method === 'GET' && !pathname.startsWith('/api/') && !isPrefetch(request)) {
    const clean = request.nextUrl.clone();
    clean.searchParams.delete(LANG_PARAM);
    return remember(withHeaders(NextResponse.redirect(clean, 307), transportHeaders(pathname, policyOptions())), isLocale(carried) ? carried : null);
  }
  const { requestHeaders, responseHeaders } = securityHeaders(request);
  // Only the proxy says which area a request is in: a header sent by the browser is dropped.
  requestHeaders.delete(AREA_HEADER);
  if (ORGANISER_PATH.test(pathname)) requestHeaders.set(AREA_HEADER, 'organiser');
  const letter = LETTER_PATH.exec(pathname);
  if (letter) {
    const locale = pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}/c/${letter[1]}`;
    const response = NextResponse.rewrite(url, { request: { headers: requestHeaders } });
    // One address, a page per language: shared caches must not keep it (the /{locale}/ one they may).
    response.headers.set('Cache-Control', 'private, no-cache');
    return withHeaders(response, responseHeaders);
  }
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), responseHeaders);
}

/**
 * The headers of this answer, and the request as Next.js renders it. A nonce is given only to
 * pages rendered for this request: a cached page must not be rendered with one (every reader would
 * get the first reader's), so a Content-Security-Policy sent by the client is dropped there.
 */
function securityHeaders(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const options = policyOptions();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete('content-security-policy');
  const responseHeaders = transportHeaders(pathname, options);
  // `next dev` renders every page for each request, the letter pages included.
  const isPage = !pathname.startsWith('/api/');
  if (isPage && !(options.production && isCachedPage(request))) {
    const policy = pagePolicy(pathname, { nonce: createNonce(), hashes: builtInPageHashes() }, options);
    requestHeaders.set('content-security-policy', policy);
    responseHeaders['Content-Security-Policy'] = policy;
  }
  return { requestHeaders, responseHeaders };
}

function remember(response: NextResponse, locale: string | null): NextResponse {
  if (locale) response.cookies.set(LOCALE_COOKIE, locale, { maxAge: ONE_YEAR_SECONDS, sameSite: 'lax', path: '/', httpOnly: true });
  return response;
}

/** A browser or the Next.js router fetching ahead: nobody chose anything yet. */
function isPrefetch(request: NextRequest): boolean {
  const purpose = `${request.headers.get('sec-purpose') ?? ''} ${request.headers.get('purpose') ?? ''}`;
  return request.headers.has('next-router-prefetch') || purpose.includes('prefetch');
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Letter pages are served from the shared cache, which works without the database. */
function isCachedPage(request: NextRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && ANY_LETTER_PATH.test(request.nextUrl.pathname);
}

function plain(request: NextRequest, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  const headers = { ...transportHeaders(request.nextUrl.pathname, policyOptions()), ...extra };
  if (request.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json({ error: { code, message } }, { status, headers });
  }
  return new NextResponse(message, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

// Next.js buffers the body of every request the proxy sees, only up to 10 MB: a packet upload to
// /api/v1/verify (up to 64 MiB) bypasses the proxy so it reaches its route whole and unbuffered.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|api/v1/verify/?$).*)'] };
