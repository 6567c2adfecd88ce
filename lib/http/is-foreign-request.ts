/**
 * Whether a browser sent this request from another origin: the one test behind the server actions'
 * origin check (proxy.ts) and the API's (lib/http/api-response.ts), so both agree.
 */
export function isForeignRequest(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) {
    // Browsers send Origin with every POST; Fetch Metadata is the fallback for any that do not.
    // Clients other than browsers send neither, and pass.
    const site = headers.get('sec-fetch-site');
    return site === 'cross-site' || site === 'same-site';
  }
  // Next.js compares the Origin's host with X-Forwarded-Host (its first value) or else Host.
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    // `Origin: null` (a sandboxed frame, a privacy setting) and malformed values are foreign too.
    return true;
  }
}
