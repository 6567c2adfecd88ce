import { NextResponse, type NextRequest } from 'next/server';

/**
 * Refuses addresses whose percent-encoding is broken (`/c/%ff`) with a 400; left alone,
 * Next.js fails to decode the segment and answers a bare 500.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    const message = 'The address is not valid: its percent-encoding is broken.';
    if (request.nextUrl.pathname.startsWith('/api/')) {
      return NextResponse.json({ error: { code: 'bad_request', message } }, { status: 400 });
    }
    return new NextResponse(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
