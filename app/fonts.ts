import localFont from 'next/font/local';

/**
 * Persian and Arabic pages use Vazirmatn (SIL Open Font License 1.1, the font the PDFs embed):
 * system fonts on many devices lack Persian letters or draw them poorly. Not preloaded: the
 * browser downloads it only for a page that uses it.
 */
export const vazirmatn = localFont({
  src: '../node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2',
  variable: '--font-vazirmatn',
  weight: '100 900',
  display: 'swap',
  preload: false,
});
