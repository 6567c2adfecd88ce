import { describe, expect, it } from 'vitest';
import { pickLocale } from '@/lib/i18n/locales';

describe('the language /c/{slug} opens in', () => {
  it('is the one chosen with the switcher, whatever the browser prefers', () => {
    expect(pickLocale('fr', 'en-GB,en;q=0.9')).toBe('fr');
    expect(pickLocale('en', 'fr-FR,fr;q=0.9')).toBe('en');
  });

  it('is else the first supported language the browser asks for', () => {
    expect(pickLocale(undefined, 'de-DE,fr-CA;q=0.8,en;q=0.5')).toBe('fr');
    expect(pickLocale('xx', 'FR')).toBe('fr');
  });

  it('is else English', () => {
    expect(pickLocale(undefined, null)).toBe('en');
    expect(pickLocale(undefined, 'de, ja;q=0.5')).toBe('en');
    expect(pickLocale(undefined, ',;;,')).toBe('en');
  });
});
