import { describe, expect, it } from 'vitest';
import { checkHrcStatement, type HrcStatementDraft } from '@/lib/campaigns/hrc/check-hrc-statement';
import { hrcDetails } from '../helpers/memory-document-source';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const today = new Date('2026-05-20T10:00:00Z');

const draft = (overrides: Partial<HrcStatementDraft> = {}): HrcStatementDraft => ({
  title: 'The Crackdown on Journalists',
  letter: 'We are **gravely** concerned.',
  demands: ['Release all journalists.', 'End the crackdown.'],
  language: 'en',
  hrc: hrcDetails(),
  supporters: [],
  ...overrides,
});

describe('checkHrcStatement', () => {
  it('counts title, text, demands and the supporters footnote, and adds them up', () => {
    const check = checkHrcStatement(draft({ supporters: ['Alpha', 'Beta Gamma'] }), today);
    // Footnote: "Alpha and Beta Gamma also share the views expressed in this statement." = 12 words.
    expect(check.words).toEqual({ title: 4, text: 4, demands: 6, footnote: 12, total: 26 });
    expect(check.errors).toEqual([]);
  });

  it('gives 1,500 words to special and roster status and 2,000 to general status', () => {
    expect(checkHrcStatement(draft(), today).limit).toBe(1500);
    expect(checkHrcStatement(draft({ hrc: hrcDetails({ submitter: { name: 'X', ecosocStatus: 'roster' } }) }), today).limit).toBe(1500);
    expect(checkHrcStatement(draft({ hrc: hrcDetails({ submitter: { name: 'X', ecosocStatus: 'general' } }) }), today).limit).toBe(2000);
  });

  it('refuses a statement over the limit, counting the footnote, and says which limit', () => {
    // Title 4 words, demands 6: the text fills the rest up to the limit exactly.
    const atLimit = draft({ letter: words(1500 - 4 - 6), supporters: [] });
    expect(checkHrcStatement(atLimit, today).words.total).toBe(1500);
    expect(checkHrcStatement(atLimit, today).errors).toEqual([]);

    const withFootnote = checkHrcStatement({ ...atLimit, supporters: ['Alpha'] }, today);
    expect(withFootnote.words.total).toBe(1509);
    expect(withFootnote.errors).toEqual(['The statement has 1,509 words; the limit for an NGO with special status is 1,500 words, footnotes included']);

    const general = checkHrcStatement(draft({ letter: words(2001), hrc: hrcDetails({ submitter: { name: 'X', ecosocStatus: 'general' } }) }), today);
    expect(general.errors).toEqual(['The statement has 2,011 words; the limit for an NGO with general status is 2,000 words, footnotes included']);
    expect(checkHrcStatement(draft({ letter: words(1800), hrc: hrcDetails({ submitter: { name: 'X', ecosocStatus: 'general' } }) }), today).errors).toEqual([]);
  });

  it('refuses a language the HRC does not take', () => {
    const check = checkHrcStatement(draft({ language: 'fa' }), today);
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toMatch(/English, French or Spanish/);
    expect(checkHrcStatement(draft({ language: 'fr' }), today).errors).toEqual([]);
    expect(checkHrcStatement(draft({ language: 'es' }), today).errors).toEqual([]);
  });

  it('refuses a submitter without ECOSOC status', () => {
    const none = checkHrcStatement(draft({ hrc: hrcDetails({ submitter: { name: 'X', ecosocStatus: 'none' } }) }), today);
    expect(none.errors).toEqual(['The submitting NGO must hold ECOSOC consultative status (general, special or roster)']);
    const missing = hrcDetails();
    // Details stored before the status was asked for.
    const legacy = { ...missing, submitter: { name: 'X' } } as unknown as typeof missing;
    expect(checkHrcStatement(draft({ hrc: legacy }), today).errors).toEqual(['The submitting NGO must hold ECOSOC consultative status (general, special or roster)']);
  });

  it('refuses a statement without HRC details', () => {
    const check = checkHrcStatement(draft({ hrc: null }), today);
    expect(check.errors).toEqual(['The statement has no HRC details: session, agenda item, opening date, submitting NGO and contact']);
    expect(check.deadline).toBeNull();
    expect(check.daysLeft).toBeNull();
  });

  it('sets the deadline two weeks before the session opens and counts the days left', () => {
    const check = checkHrcStatement(draft({ hrc: hrcDetails({ sessionStartsOn: '2026-06-15' }) }), today);
    expect(check.deadline).toBe('2026-06-01');
    expect(check.daysLeft).toBe(12);
    expect(check.warnings).toEqual([]);
    // Across a month end and a leap day.
    expect(checkHrcStatement(draft({ hrc: hrcDetails({ sessionStartsOn: '2028-03-06' }) }), today).deadline).toBe('2028-02-21');
    expect(checkHrcStatement(draft({ hrc: hrcDetails({ sessionStartsOn: '2028-03-13' }) }), today).deadline).toBe('2028-02-28');
    expect(checkHrcStatement(draft({ hrc: hrcDetails({ sessionStartsOn: '2028-03-14' }) }), today).deadline).toBe('2028-02-29');
  });

  it('counts the deadline day itself as still open, whatever the hour', () => {
    const check = checkHrcStatement(draft({ hrc: hrcDetails({ sessionStartsOn: '2026-06-03' }) }), new Date('2026-05-20T23:59:00Z'));
    expect(check.deadline).toBe('2026-05-20');
    expect(check.daysLeft).toBe(0);
    expect(check.warnings).toEqual([]);
  });

  it('warns, without refusing, once the deadline has passed', () => {
    const check = checkHrcStatement(draft({ hrc: hrcDetails({ sessionStartsOn: '2026-06-01' }) }), today);
    expect(check.deadline).toBe('2026-05-18');
    expect(check.daysLeft).toBe(-2);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual(['The deadline was 2026-05-18, two weeks before the session opens on 2026-06-01; the secretariat may not accept a late statement']);
  });

  it('reports every problem at once', () => {
    const check = checkHrcStatement(draft({ language: 'de', letter: words(1600), hrc: hrcDetails({ submitter: { name: 'X', ecosocStatus: 'none' } }) }), today);
    expect(check.errors).toHaveLength(3);
  });
});
