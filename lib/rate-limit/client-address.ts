import { isIP } from 'node:net';
import { keyedHash } from '@/lib/crypto/keyed-hash';
import { getEnv } from '@/lib/env';

/**
 * The client's address as a keyed hash (addresses themselves are never stored), or null.
 * A Next.js handler has no socket: Next fills `x-forwarded-for` with the peer's address only
 * when the request has none. With TRUSTED_PROXY_HOPS=n (n proxies in front that each append
 * the address they saw), the client is the n-th entry from the right; entries further left
 * were written by the client and are ignored. With 0, the rightmost entry is used, which a
 * client talking to Next directly can choose: docs/deploy.md says what the proxy must do.
 */
export function clientKey(headers: Headers): string | null {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = Math.max(1, getEnv().trustedProxyHops);
  const candidate = entries[entries.length - hops] ?? entries[0];
  if (!candidate) return null;
  const address = candidate.replace(/^\[|\]$/g, '').replace(/^::ffff:/, '');
  if (!isIP(address)) return null;
  // IPv6 clients usually hold a whole /64: limit the prefix, not each address in it.
  const subject = address.includes(':') ? address.split(':').slice(0, 4).join(':') : address;
  return keyedHash('client-address', subject).slice(0, 32);
}
