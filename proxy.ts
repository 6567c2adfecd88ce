import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n/locales';

/** `/c/{slug}`: the address of a letter in mails, links and the API, in no language of its own. */
const LETTER_PATH = /^\/c\/([^/]+)$/;

/**
 * Refuses addresses whose percent-encoding is broken (`/c/%ff`) with a 400; left alone,
 * Next.js fails to decode the segment and answers a bare 500.
 *
 * Serves `/c/{slug}` from the cached `/{locale}/c/{slug}` in the reader's language. A rewrite, not
 * a redirect: the address a reader copies stays the one that opens in each recipient's language,
 * and a viral link costs no extra round trip.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    const message = 'The address is not valid: its percent-encoding is broken.';
    if (pathname.startsWith('/api/')) {
      return NextResponse.json({ error: { code: 'bad_request', message } }, { status: 400 });
    }
    return new NextResponse(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const letter = LETTER_PATH.exec(pathname);
  if (letter) {
    const locale = pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}/c/${letter[1]}`;
    const response = NextResponse.rewrite(url);
    // One address, a page per language: shared caches must not keep it (the /{locale}/ one they may).
    response.headers.set('Cache-Control', 'private, no-cache');
    return response;
  }
  return NextResponse.next();
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
