import { describe, expect, it } from 'vitest';
import { directionOf, formatDate, formatSignerDate, formatSignerNumber, isolateIn, organiserLocales, pickLocale } from '@/lib/i18n/locales';

describe('dates and numbers', () => {
  const day = '2026-11-24T00:00:00Z';

  it('are shown to signers in their own calendar and digits', () => {
    expect(formatSignerDate(day, 'fa')).toBe('۳ آذر ۱۴۰۵');
    expect(formatSignerDate(day, 'en')).toBe('November 24, 2026');
    expect(formatSignerDate(day, 'ar')).toContain('نوفمبر');
    expect(formatSignerNumber(12345, 'fa')).toBe('۱۲٬۳۴۵');
  });

  it('stay Gregorian with Latin digits in documents for the UN, whatever the language', () => {
    for (const locale of ['fa', 'ar', 'en', 'fr']) {
      expect(formatDate(day, locale)).toMatch(/2026/);
      expect(formatDate(day, locale)).toMatch(/24/);
      expect(formatDate(day, locale)).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
    }
  });
});

describe('right-to-left languages', () => {
  it('are Persian and Arabic', () => {
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
  });

  it('isolate an address or title of the other direction inside their sentences only', () => {
    expect(isolateIn('fa', 'a@example.org')).toBe('\u2068a@example.org\u2069');
    expect(isolateIn('en', 'a@example.org')).toBe('a@example.org');
  });
});

describe('the organiser area', () => {
  it('is not offered in the languages it is not written in, and falls back to English', () => {
    expect(organiserLocales).toEqual(['en', 'fr']);
    expect(pickLocale('fa', 'fa-IR,fa;q=0.9', organiserLocales)).toBe('en');
    expect(pickLocale('fa', 'ar,fr;q=0.5', organiserLocales)).toBe('fr');
    expect(pickLocale('fa', 'en', undefined)).toBe('fa');
  });
});
