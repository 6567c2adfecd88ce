/**
 * Next.js's own file-system cache, with one addition: each cached page (the letter pages) is
 * stored with its Content-Security-Policy, computed from its HTML (lib/http/cached-page-policy.ts).
 * Next.js sends a cache entry's headers with the page, so a page served from the cache, even while
 * the database is down, carries the policy that allows exactly its own inline scripts.
 * Plain JavaScript: Next.js loads this file by path (`cacheHandler` in next.config.js).
 */
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache').default;

const POLICY = Symbol.for('undersigned.cachedPagePolicy');
// Marks an entry already given its policy in this process: the memory cache hands back the same object.
const STAMPED = Symbol('stamped');

/** `/route-cache/APP_PAGE/<route>/$/fr/c/slug` (or a plain `/fr/c/slug`) to `/fr/c/slug`. */
function pathnameOf(key) {
  const marker = key.indexOf('/$/');
  return marker === -1 ? key : key.slice(marker + 2);
}

// Built-in pages answer addresses the proxy gave a nonce policy, which allows their scripts
// (lib/http/built-in-page-hashes.ts): a second policy would only repeat it.
const BUILT_IN = new Set(['/_not-found', '/_global-error']);

function stamp(key, value) {
  if (!value || value.kind !== 'APP_PAGE' || typeof value.html !== 'string' || value[STAMPED]) return;
  if (BUILT_IN.has(pathnameOf(key))) return;
  const policy = globalThis[POLICY];
  // Registered at start-up; absent only while `next build` prerenders, and the entry is stamped when read.
  if (typeof policy !== 'function') return;
  value.headers = { ...value.headers, 'content-security-policy': policy(value.html, pathnameOf(key)) };
  value[STAMPED] = true;
}

module.exports = class PolicyStampingCache extends FileSystemCache {
  async get(key, ctx) {
    const entry = await super.get(key, ctx);
    stamp(key, entry?.value);
    return entry;
  }

  async set(key, data, ctx) {
    // The same object is the answer to the request that rendered it: it leaves with the policy too.
    stamp(key, data);
    return super.set(key, data, ctx);
  }
};
