import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** RFC 9116: where to report a vulnerability in this instance (SECURITY_CONTACT); a 404 when none is set. */
export function GET() {
  const env = getEnv();
  if (!env.securityContact) return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const expires = new Date(Date.now() + 180 * 24 * 3600 * 1000).toISOString();
  const body = [`Contact: ${env.securityContact}`, `Expires: ${expires}`, 'Preferred-Languages: en, fr', `Canonical: ${env.baseUrl}/.well-known/security.txt`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' } });
}
