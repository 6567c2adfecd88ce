import { NextResponse, type NextRequest } from 'next/server';
import { readLimited, refuseByFields, refuseByHeaders, type Refusal } from '@/lib/http/action-request';

const plainText = (message: string, status: number) =>
  new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * A POST to a page is a server action call. Next.js answers a malformed one with a 500, so its
 * origin, size and encoded arguments are checked here first; see lib/http/action-request.ts.
 */
async function refuseAction(request: NextRequest): Promise<Refusal | null> {
  const byHeaders = refuseByHeaders(request.headers);
  if (byHeaders) return byHeaders;
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return null;
  const body = await readLimited(request.body);
  if (!(body instanceof Uint8Array)) return body;
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { status: 400, message: 'The form is not valid.' };
  }
  return refuseByFields(form, request.headers.has('next-action'));
}

/**
 * Refuses addresses whose percent-encoding is broken (`/c/%ff`) with a 400; left alone,
 * Next.js fails to decode the segment and answers a bare 500. Also refuses malformed server action calls.
 */
export async function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    const message = 'The address is not valid: its percent-encoding is broken.';
    if (request.nextUrl.pathname.startsWith('/api/')) {
      return NextResponse.json({ error: { code: 'bad_request', message } }, { status: 400 });
    }
    return plainText(message, 400);
  }
  if (request.method === 'POST' && !request.nextUrl.pathname.startsWith('/api/')) {
    const refusal = await refuseAction(request);
    if (refusal) return plainText(refusal.message, refusal.status);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
