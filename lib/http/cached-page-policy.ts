/**
 * The policy of a page served from Next.js's cache (the letter pages). A nonce would have to be new
 * for each reader, which a cached page cannot be; instead its policy lists the SHA-256 of each of
 * its inline scripts. The cache handler (lib/http/cache-handler.js, plain JavaScript that Next.js
 * loads by path) sees each page's HTML as it is stored and calls the function registered here.
 */

import { getEnv } from '@/lib/env';
import { inlineScriptHashes } from './inline-script-hashes';
import { pagePolicy, type PolicyOptions } from './security-headers';

/** Where the cache handler finds the policy function: the same process, another module system. */
export const CACHED_PAGE_POLICY = Symbol.for('undersigned.cachedPagePolicy');

export type CachedPagePolicy = (html: string, pathname: string) => string;

export function policyOptions(): PolicyOptions {
  const env = getEnv();
  return { production: env.isProduction, https: env.baseUrl.startsWith('https:'), captcha: env.captcha?.provider ?? null };
}

export function cachedPagePolicy(html: string, pathname: string, options = policyOptions()): string {
  return pagePolicy(pathname, { hashes: inlineScriptHashes(html) }, options);
}

/** Called once at start-up (lib/start-app.ts), before the first page is served. */
export function registerCachedPagePolicy(): void {
  const options = policyOptions();
  (globalThis as Record<symbol, unknown>)[CACHED_PAGE_POLICY] = ((html, pathname) => cachedPagePolicy(html, pathname, options)) satisfies CachedPagePolicy;
}
