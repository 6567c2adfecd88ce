/** Organisers may shorten the default down to erasure right after the end, or extend it this far. */
export const DEFAULT_RETENTION_MONTHS = 6;
export const MAX_RETENTION_MONTHS = 24;

export type RetentionFacts = {
  status: 'draft' | 'published' | 'closed';
  closedAt: Date | null;
  /** The last day signatures were taken, if the letter has a deadline (YYYY-MM-DD). */
  deadline: string | null;
  /** The latest delivery's date (YYYY-MM-DD), if any. */
  lastDeliveredOn: string | null;
  retentionMonths: number;
};

/**
 * When signers' personal data is erased: `retentionMonths` after the letter stopped taking
 * signatures (closed, or its deadline passed) or after its last delivery, whichever is later.
 * A letter still taking signatures has no date yet.
 */
export function retentionDueDate(facts: RetentionFacts, now = new Date()): Date | null {
  const deadlineEnd = facts.deadline ? new Date(`${facts.deadline}T23:59:59.999Z`) : null;
  const ended = facts.status === 'closed' ? (facts.closedAt ?? now) : deadlineEnd && deadlineEnd < now ? deadlineEnd : null;
  if (!ended) return null;
  const delivered = facts.lastDeliveredOn ? new Date(`${facts.lastDeliveredOn}T23:59:59.999Z`) : null;
  const anchor = delivered && delivered > ended ? delivered : ended;
  return addMonths(anchor, facts.retentionMonths);
}

/** Calendar months, kept within the month: 31 May + 6 months is 30 November, not 1 December. */
function addMonths(date: Date, months: number): Date {
  const due = new Date(date);
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due;
}
