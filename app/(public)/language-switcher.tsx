'use client';

import { useLocale, useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { locales, type Locale } from '@/lib/i18n/locales';
import { setLocaleAction } from './actions';

type Props = {
  /** Where to land after switching; a path with a language (`/en/c/…`) lands on that page in the chosen language. */
  returnTo?: string;
  /** The languages offered; the organiser area offers only those it is written in. */
  choices?: readonly Locale[];
};

/** A plain form with one button per language: it works before (or without) JavaScript. */
export function LanguageSwitcher({ returnTo, choices = locales }: Props) {
  const t = useTranslations();
  const current = useLocale();
  const pathname = usePathname();
  return (
    <form action={setLocaleAction} className="language-switcher" role="group" aria-labelledby="language-switcher-label">
      <span id="language-switcher-label" className="visually-hidden">
        {t('common.language')}
      </span>
      <input type="hidden" name="returnTo" value={returnTo ?? pathname} />
      {choices.map((locale) => {
        const isCurrent = locale === current;
        return (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-current={isCurrent ? 'true' : undefined}
          >
            {t(`common.languages.${locale}`)}
            {isCurrent ? <span className="visually-hidden"> {t('public.switcher.current')}</span> : null}
          </button>
        );
      })}
    </form>
  );
}
