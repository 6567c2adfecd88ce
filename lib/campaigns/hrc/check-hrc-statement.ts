import type { EcosocStatus, HrcStatementDetails } from '@/db/schema/campaigns';
import { countTextWords, countWords } from './count-words';
import { isHrcStatementLanguage, supportersFootnote } from './supporters-footnote';

export type HrcStatementDraft = {
  title: string;
  /** Markdown. */
  letter: string;
  demands: readonly string[];
  language: string;
  hrc: HrcStatementDetails | null;
  /** Names of the approved organisations without ECOSOC status, for the title's footnote. */
  supporters: readonly string[];
};

export type HrcStatementCheck = {
  words: { title: number; text: number; demands: number; footnote: number; total: number };
  limit: number;
  /** YYYY-MM-DD: two weeks before the session opens; null without HRC details. */
  deadline: string | null;
  /** Days from `today` to the deadline; negative once it has passed. */
  daysLeft: number | null;
  /** Any error refuses the export. */
  errors: string[];
  warnings: string[];
};

// The HRC's limits, footnotes included: 2,000 words for general status, 1,500 for special and roster.
const LIMIT_GENERAL = 2_000;
const LIMIT_OTHER = 1_500;
const DAY_MS = 86_400_000;
const SUBMITTABLE: readonly EcosocStatus[] = ['general', 'special', 'roster'];

const formatNumber = (n: number) => n.toLocaleString('en');

/** Statements are due two weeks before the session opens. */
export function hrcDeadline(sessionStartsOn: string): string {
  return new Date(Date.parse(`${sessionStartsOn}T00:00:00Z`) - 14 * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What the HRC secretariat would refuse in a joint written statement, and what to watch for.
 * Pure, so the editor runs it on every keystroke and the export runs it before writing.
 * `today` is taken as its UTC date.
 */
export function checkHrcStatement(draft: HrcStatementDraft, today: Date): HrcStatementCheck {
  const footnote = supportersFootnote(draft.supporters, draft.language);
  const words = {
    title: countTextWords(draft.title),
    text: countWords(draft.letter),
    demands: draft.demands.reduce((sum, demand) => sum + countTextWords(demand), 0),
    footnote: footnote ? countTextWords(footnote) : 0,
    total: 0,
  };
  words.total = words.title + words.text + words.demands + words.footnote;

  const hrc = draft.hrc;
  const status = hrc?.submitter?.ecosocStatus;
  const limit = status === 'general' ? LIMIT_GENERAL : LIMIT_OTHER;
  const errors: string[] = [];
  const warnings: string[] = [];

  if (!hrc) errors.push('The statement has no HRC details: session, agenda item, opening date, submitting NGO and contact');
  if (!isHrcStatementLanguage(draft.language)) {
    errors.push(`The Human Rights Council accepts written statements in English, French or Spanish only; this one is in "${draft.language}"`);
  }
  if (hrc && (!status || !SUBMITTABLE.includes(status))) {
    errors.push('The submitting NGO must hold ECOSOC consultative status (general, special or roster)');
  }
  if (words.total > limit) {
    const who = status && SUBMITTABLE.includes(status) ? `an NGO with ${status} status` : 'an NGO with special or roster status';
    errors.push(`The statement has ${formatNumber(words.total)} words; the limit for ${who} is ${formatNumber(limit)} words, footnotes included`);
  }

  let deadline: string | null = null;
  let daysLeft: number | null = null;
  if (hrc?.sessionStartsOn) {
    deadline = hrcDeadline(hrc.sessionStartsOn);
    const todayUtc = Date.parse(`${today.toISOString().slice(0, 10)}T00:00:00Z`);
    daysLeft = Math.round((Date.parse(`${deadline}T00:00:00Z`) - todayUtc) / DAY_MS);
    if (daysLeft < 0) {
      warnings.push(`The deadline was ${deadline}, two weeks before the session opens on ${hrc.sessionStartsOn}; the secretariat may not accept a late statement`);
    }
  }

  return { words, limit, deadline, daysLeft, errors, warnings };
}
