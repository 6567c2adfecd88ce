import type { Metadata } from 'next';

export const metadata: Metadata = { title: { default: 'Undersigned', template: '%s · Undersigned' } };

/**
 * Renders no <html> itself: the cookie-language pages ((public), (organiser), dev) and the cached
 * letter page ([locale], language from the URL) each render their own through <Document>.
 */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
