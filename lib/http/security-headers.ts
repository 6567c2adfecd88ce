/**
 * The browser-facing headers of every page: the Content-Security-Policy, the frame rules and HSTS.
 * proxy.ts sets them on each answer; a cached letter page gets its policy from the cache entry
 * (lib/http/cached-page-policy.ts). Headers that never vary (nosniff, Referrer-Policy,
 * Permissions-Policy, COOP, the API's policy) are in next.config.js.
 */

import type { CaptchaProvider } from '@/lib/captcha/verify-captcha';

/**
 * The pages other sites may show in a frame: none today. A future `/embed/...` route is added
 * here, and only here: its answers then carry `frame-ancestors *` and no X-Frame-Options.
 */
export const FRAMEABLE_PATHS: readonly RegExp[] = [];

export const isFrameable = (pathname: string) => FRAMEABLE_PATHS.some((path) => path.test(pathname));

export type PolicyOptions = {
  /** `next dev` needs eval for React's debugging and inline styles for its overlay. */
  production: boolean;
  /** The public address is https: browsers are told to stay on it (HSTS, upgrade-insecure-requests). */
  https: boolean;
  captcha: CaptchaProvider | null;
};

/**
 * How the page's own inline scripts are allowed, never with 'unsafe-inline': a per-request nonce
 * (pages rendered for each request) and/or the SHA-256 of each script (a cached page, whose HTML
 * is the same for every reader).
 */
export type InlineScripts = { nonce?: string; hashes?: readonly string[] };

// What each CAPTCHA widget loads, as its provider documents it.
const CAPTCHA_ORIGINS: Record<CaptchaProvider, string[]> = {
  turnstile: ['https://challenges.cloudflare.com'],
  hcaptcha: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
};

/** The Content-Security-Policy of a page at `pathname`. */
export function pagePolicy(pathname: string, inline: InlineScripts, options: PolicyOptions): string {
  const captcha = options.captcha ? CAPTCHA_ORIGINS[options.captcha] : [];
  const inlineSources = [...(inline.nonce ? [`'nonce-${inline.nonce}'`] : []), ...(inline.hashes ?? []).map((hash) => `'${hash}'`)];
  // No 'strict-dynamic': a cached page's chunk <script src> tags carry no nonce, so they are allowed
  // by 'self', which serves no user content a script could be made of (answers are JSON, CSV or
  // documents, all with nosniff).
  const scripts = ["'self'", ...inlineSources, ...captcha, ...(options.production ? [] : ["'unsafe-eval'"])];
  // Next.js renders no inline style in production; the dev overlay needs them.
  const styles = ["'self'", ...(options.production ? [] : ["'unsafe-inline'"]), ...(options.captcha === 'hcaptcha' ? captcha : [])];
  const directives = [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.join(' ')}`,
    // Letters' Markdown may name images elsewhere: not loaded, so no third party learns who reads a letter.
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...captcha].join(' ')}`,
    `frame-src ${["'self'", ...captcha].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${isFrameable(pathname) ? '*' : "'none'"}`,
    ...(options.production && options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The frame and transport headers of every answer the proxy sees, pages and API alike. */
export function transportHeaders(pathname: string, options: PolicyOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  // For browsers too old for frame-ancestors.
  if (!isFrameable(pathname)) headers['X-Frame-Options'] = 'DENY';
  // Only in production over https: a browser that got HSTS from http://localhost in development
  // would refuse every other local project on that host for a year.
  if (options.production && options.https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

/** A fresh nonce for one answer: 128 random bits, base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
