'use client';

import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import type { HrcStatementDetails } from '@/db/schema/campaigns';
import { checkHrcStatement } from '@/lib/campaigns/hrc/check-hrc-statement';
import { isHrcStatementLanguage } from '@/lib/campaigns/hrc/supporters-footnote';

export type HrcDraft = {
  title: string;
  letter: string;
  demands: string;
  language: string;
  ecosocStatus: string;
  sessionStartsOn: string;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The statement's words so far against the HRC's limit, and the submission deadline, as the
 * organiser types. Only the limit and the deadline come from the HRC details, so the rest of
 * them is left blank for the check.
 */
export function HrcWordCount({ draft }: { draft: HrcDraft }) {
  const t = useTranslations('organiser.form.wordCount');
  const sessionStartsOn = ISO_DATE.test(draft.sessionStartsOn) && !Number.isNaN(Date.parse(draft.sessionStartsOn)) ? draft.sessionStartsOn : '';
  const check = useMemo(() => {
    const hrc = {
      session: 0,
      agendaItem: 0,
      sessionStartsOn,
      submitter: { name: '', ecosocStatus: draft.ecosocStatus },
      contact: { name: '', email: '' },
    } as HrcStatementDetails;
    const demands = draft.demands.split(/\r?\n/).filter((line) => line.trim());
    return checkHrcStatement({ title: draft.title, letter: draft.letter, demands, language: draft.language, hrc, supporters: [] }, new Date());
  }, [draft.title, draft.letter, draft.demands, draft.language, draft.ecosocStatus, sessionStartsOn]);

  const over = check.words.total - check.limit;
  return (
    <section className="notice organiser-word-count" aria-labelledby="hrc-word-count-title" data-testid="hrc-word-count" data-words={check.words.total}>
      <h2 id="hrc-word-count-title">{t('title')}</h2>
      <p className={over > 0 ? 'field-error' : undefined}>
        <strong>{t('total', { words: check.words.total, limit: check.limit })}</strong>{' '}
        {over > 0 ? t('over', { over }) : null}
      </p>
      <p className="hint">
        {t('parts', { title: check.words.title, text: check.words.text, demands: check.words.demands })} {t('footnote')}{' '}
        {t('limits')}
      </p>
      {isHrcStatementLanguage(draft.language) ? null : <p className="notice notice-warning">{t('language')}</p>}
      {check.deadline === null ? (
        <p className="hint">{t('noDate')}</p>
      ) : check.daysLeft !== null && check.daysLeft < 0 ? (
        <p className="notice notice-warning">{t('deadlinePassed', { deadline: check.deadline })}</p>
      ) : (
        <p>{t('deadline', { deadline: check.deadline, days: check.daysLeft ?? 0 })}</p>
      )}
    </section>
  );
}
