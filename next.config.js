// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files, pdfkit its font metrics, both loaded from node_modules: not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit', 'fontkit', 'exceljs'],
  poweredByHeader: false,
  // `npm run bench:page` builds with BENCH=1 to add its static baseline (app/bench-static/route.bench.ts).
  pageExtensions: process.env.BENCH === '1' ? ['bench.ts', 'tsx', 'ts'] : ['tsx', 'ts'],
  // Stores each cached letter page with the Content-Security-Policy of its own inline scripts.
  cacheHandler: require.resolve('./lib/http/cache-handler.js'),
  // The headers that are the same on every answer. The page policy (nonce or hashes), the frame
  // rules and HSTS depend on the page and the deployment: proxy.ts sets them (lib/http/security-headers.ts).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // Not no-referrer: Chrome then sends `Origin: null` with form posts and Next.js refuses server actions without JavaScript.
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
          // No other window keeps a handle on ours (a page opened from a letter cannot script it back).
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
      {
        // JSON and documents: nothing in them may run, load or be framed, whatever a browser makes of them.
        source: '/api/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
