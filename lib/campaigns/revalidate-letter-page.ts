import { revalidatePath } from 'next/cache';
import { locales } from '@/lib/i18n/locales';

/** Next.js's words when there is no request to revalidate for: tests, scripts, the mail worker. */
const OUTSIDE_NEXT = 'Invariant: static generation store missing';

/**
 * Marks the cached public page of a letter stale in every language, so that publishing, closing,
 * reopening or editing shows on the next visit instead of after the page's revalidate period.
 */
export function revalidateLetterPage(slug: string): void {
  for (const locale of locales) {
    try {
      revalidatePath(`/${locale}/c/${slug}`);
    } catch (error) {
      // Outside Next.js there is no page cache to refresh; anything else is a real failure.
      if (!(error instanceof Error && error.message.startsWith(OUTSIDE_NEXT))) throw error;
    }
  }
}
