import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { locales } from '@/lib/i18n/locales';
import { allConsentTexts, CONSENT_VERSION, CONSENT_VERSIONS, consentText } from '@/lib/privacy/consent';

/**
 * The SHA-256 of every consent wording ever shown. A signature stores only a version and a
 * language, so a wording must never change once published: change it and this test fails;
 * add a new version instead (and its line here).
 */
const PUBLISHED: Record<string, string> = {
  '2026-11-24 en': 'c68e3a9108beee19b40bc7db28dfa10c9c5aabaeb472cad73fee55525b51d2b9',
  '2026-11-24 fr': '209e81d93aa9a79dab438897535ee829424e31c83209c6308d3ee441585b4dd3',
  '2026-11-24.2 en': '0d17a0b68b2b5596910b65039f152da976283676f10cc661ba1457b3ddbdd1e0',
  '2026-11-24.2 fr': 'b345a6acda54f7b8c67f8133b2b014f811ba06155f3e0778fc324f0c79a9ab1d',
  '2026-11-24.2 fa': '8bfc9d2e7d5d54037a55b7adce2dcda8728b59e9f6faf1067ee72b2d94852ed4',
  '2026-11-24.2 ar': '50be15948aed8cfbd7b7c71f25ce73adbe92f5d223d2c25d2de76329ce9e4683',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('consent wordings', () => {
  it('are never edited once published, and none is dropped', () => {
    const actual = Object.fromEntries(allConsentTexts().map(({ version, locale, text }) => [`${version} ${locale}`, sha256(text)]));
    expect(actual).toEqual(PUBLISHED);
  });

  it('exist in every interface language for the current version', () => {
    for (const locale of locales) {
      expect(consentText(locale)).toMatchObject({ version: CONSENT_VERSION, locale });
      expect(CONSENT_VERSIONS[CONSENT_VERSION][locale]).toBe(consentText(locale).text);
    }
    expect(consentText('de')).toMatchObject({ version: CONSENT_VERSION, locale: 'en' });
  });

  it('say, in short sentences, what is collected, who sees it at each level, how to withdraw and how long it is kept', () => {
    const lines = consentText('en').text.split('\n');
    const sentences = lines.flatMap((line) => line.split(/(?<=\.)\s/));
    expect(sentences.filter((sentence) => sentence.split(' ').length > 25)).toEqual([]);
    const text = lines.join(' ');
    for (const needed of ['What you collect', 'Public:', 'Confidential:', 'Counted only:', 'withdraw', '6 months', '24 months', 'within 7 days']) {
      expect(text).toContain(needed);
    }
    // The same number of lines in every language: each says the same thing.
    for (const locale of locales) expect(consentText(locale).text.split('\n')).toHaveLength(lines.length);
  });
});
