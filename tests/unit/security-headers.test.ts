import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHED_PAGE_POLICY, cachedPagePolicy, type CachedPagePolicy } from '@/lib/http/cached-page-policy';
import { isCrossSiteForgery } from '@/lib/http/api-response';
import { inlineScriptHashes } from '@/lib/http/inline-script-hashes';
import { isForeignRequest } from '@/lib/http/is-foreign-request';
import { FRAMEABLE_PATHS, pagePolicy, transportHeaders, type PolicyOptions } from '@/lib/http/security-headers';

const production: PolicyOptions = { production: true, https: true, captcha: null };
const development: PolicyOptions = { production: false, https: false, captcha: null };

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part === name || part.startsWith(`${name} `));
const sources = (policy: string, name: string) => directive(policy, name)?.split(' ').slice(1) ?? [];

describe('pagePolicy', () => {
  it('allows inline scripts only by nonce or hash, never unsafe-inline, in production', () => {
    const withNonce = pagePolicy('/verify', { nonce: 'abc123' }, production);
    expect(sources(withNonce, 'script-src')).toEqual(["'self'", "'nonce-abc123'"]);
    const withHashes = pagePolicy('/en/c/letter', { hashes: ['sha256-AAA', 'sha256-BBB'] }, production);
    expect(sources(withHashes, 'script-src')).toEqual(["'self'", "'sha256-AAA'", "'sha256-BBB'"]);
    for (const policy of [withNonce, withHashes]) {
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(sources(policy, 'style-src')).toEqual(["'self'"]);
      expect(directive(policy, 'object-src')).toBe("object-src 'none'");
      expect(directive(policy, 'base-uri')).toBe("base-uri 'none'");
      expect(directive(policy, 'form-action')).toBe("form-action 'self'");
      expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(directive(policy, 'upgrade-insecure-requests')).toBe('upgrade-insecure-requests');
    }
  });

  it('gives next dev the eval and inline styles it needs, and never upgrades plain http', () => {
    const policy = pagePolicy('/dashboard', { nonce: 'n' }, development);
    expect(sources(policy, 'script-src')).toEqual(["'self'", "'nonce-n'", "'unsafe-eval'"]);
    expect(sources(policy, 'script-src')).not.toContain("'unsafe-inline'");
    expect(sources(policy, 'style-src')).toContain("'unsafe-inline'");
    expect(directive(policy, 'upgrade-insecure-requests')).toBeUndefined();
    expect(directive(pagePolicy('/', { nonce: 'n' }, { ...production, https: false }), 'upgrade-insecure-requests')).toBeUndefined();
  });

  it('lets the configured CAPTCHA load its script and frame, and nothing else from elsewhere', () => {
    const turnstile = pagePolicy('/en/c/letter', { hashes: [] }, { ...production, captcha: 'turnstile' });
    expect(sources(turnstile, 'script-src')).toContain('https://challenges.cloudflare.com');
    expect(sources(turnstile, 'frame-src')).toContain('https://challenges.cloudflare.com');
    expect(turnstile).not.toContain('hcaptcha');
    const hcaptcha = pagePolicy('/en/c/letter', { hashes: [] }, { ...production, captcha: 'hcaptcha' });
    for (const name of ['script-src', 'style-src', 'frame-src', 'connect-src']) expect(sources(hcaptcha, name)).toContain('https://*.hcaptcha.com');
    expect(pagePolicy('/en/c/letter', { hashes: [] }, production)).not.toContain('https://');
  });
});

describe('frame rules and transport headers', () => {
  it('no page may be framed today: the list of frameable paths is empty', () => {
    expect(FRAMEABLE_PATHS).toEqual([]);
    for (const pathname of ['/en/c/letter', '/embed/letter', '/dashboard']) {
      expect(transportHeaders(pathname, production)['X-Frame-Options']).toBe('DENY');
      expect(directive(pagePolicy(pathname, { nonce: 'n' }, production), 'frame-ancestors')).toBe("frame-ancestors 'none'");
    }
  });

  it('sends HSTS only in production over https', () => {
    expect(transportHeaders('/', production)['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(transportHeaders('/', { ...production, https: false })['Strict-Transport-Security']).toBeUndefined();
    expect(transportHeaders('/', development)['Strict-Transport-Security']).toBeUndefined();
    expect(transportHeaders('/', { ...development, https: true })['Strict-Transport-Security']).toBeUndefined();
  });
});

describe('inline script hashes for cached pages', () => {
  const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
  const html = [
    '<html><head><script src="/_next/static/chunks/a.js" async=""></script>',
    '<script id="_R_">(globalThis.TURBOPACK||=[]).push(1)</script></head><body>',
    '<script>self.__next_f.push([1,"é \\u003c/script"])</script>',
    '<script>self.__next_f.push([1,"é \\u003c/script"])</script>',
    '<SCRIPT type="text/javascript">x()</SCRIPT><script></script></body></html>',
  ].join('');

  it('hashes each inline script exactly as the browser does (UTF-8 text), once, and skips external ones', () => {
    expect(inlineScriptHashes(html)).toEqual([sha('(globalThis.TURBOPACK||=[]).push(1)'), sha('self.__next_f.push([1,"é \\u003c/script"])'), sha('x()'), sha('')]);
  });

  it('builds a cached page policy from the page itself', () => {
    const policy = cachedPagePolicy(html, '/fr/c/letter', production);
    expect(sources(policy, 'script-src')).toEqual(["'self'", ...inlineScriptHashes(html).map((hash) => `'${hash}'`)]);
  });

  it('the cache handler stores each cached page with its policy, and gives it back with it', async () => {
    const { default: Handler } = await import('@/lib/http/cache-handler.js');
    (globalThis as Record<symbol, unknown>)[CACHED_PAGE_POLICY] = ((page, pathname) => cachedPagePolicy(page, pathname, production)) satisfies CachedPagePolicy;
    const cache = new Handler({ fs: undefined, flushToDisk: false, serverDistDir: mkdtempSync(path.join(os.tmpdir(), 'cache-')), maxMemoryCacheSize: 1e6, revalidatedTags: [] });
    const key = '/route-cache/APP_PAGE/route/$/fr/c/letter';
    const entry = { kind: 'APP_PAGE', html, rscData: undefined, headers: { 'x-next-cache-tags': 'tag' }, status: 200 };
    await cache.set(key, entry, { cacheControl: { revalidate: 5 } });
    const expected = cachedPagePolicy(html, '/fr/c/letter', production);
    expect(entry.headers).toEqual({ 'x-next-cache-tags': 'tag', 'content-security-policy': expected });
    expect((await cache.get(key, { kind: 'APP_PAGE' }))?.value?.headers?.['content-security-policy']).toBe(expected);
  });
});

describe('foreign requests', () => {
  const headers = (values: Record<string, string>) => new Headers({ host: 'letters.example', ...values });

  it('compares the Origin with the host, and falls back to Fetch Metadata', () => {
    expect(isForeignRequest(headers({ origin: 'https://letters.example' }))).toBe(false);
    expect(isForeignRequest(headers({}))).toBe(false);
    expect(isForeignRequest(headers({ 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(isForeignRequest(headers({ 'sec-fetch-site': 'none' }))).toBe(false);
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'nonsense' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const values of foreign) {
      expect(isForeignRequest(headers(values)), JSON.stringify(values)).toBe(true);
    }
  });

  it('counts as forgery only a mutation that carries cookies from a foreign page', () => {
    const make = (method: string, values: Record<string, string>) => new Request('http://letters.example/api/v1/campaigns', { method, headers: { host: 'letters.example', ...values } });
    const cookie = { cookie: 'authjs.session-token=x' };
    expect(isCrossSiteForgery(make('POST', { ...cookie, origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSiteForgery(make('DELETE', { ...cookie, 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossSiteForgery(make('POST', { origin: 'https://evil.example' }))).toBe(false);
    expect(isCrossSiteForgery(make('POST', cookie))).toBe(false);
    expect(isCrossSiteForgery(make('POST', { ...cookie, origin: 'https://letters.example' }))).toBe(false);
    expect(isCrossSiteForgery(make('GET', { ...cookie, origin: 'https://evil.example' }))).toBe(false);
  });
});
