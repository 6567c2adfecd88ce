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
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // Not no-referrer: Chrome then sends `Origin: null` with form posts and Next.js refuses server actions without JavaScript.
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
