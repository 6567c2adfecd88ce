import { describe, expect, it } from 'vitest';
import { retentionDueDate } from '@/lib/privacy/retention-due-date';

const now = new Date('2026-11-24T12:00:00Z');
const base = { status: 'published' as const, closedAt: null, deadline: null, lastDeliveredOn: null, retentionMonths: 6 };

describe('the date signers’ personal data is erased', () => {
  it('does not exist while the letter takes signatures', () => {
    expect(retentionDueDate(base, now)).toBeNull();
    expect(retentionDueDate({ ...base, deadline: '2026-12-31' }, now)).toBeNull();
  });

  it('is six months after closing by default, or after a passed deadline', () => {
    expect(retentionDueDate({ ...base, status: 'closed', closedAt: new Date('2026-03-10T09:00:00Z') }, now)).toEqual(new Date('2026-09-10T09:00:00Z'));
    expect(retentionDueDate({ ...base, deadline: '2026-05-31' }, now)).toEqual(new Date('2026-11-30T23:59:59.999Z'));
  });

  it('counts from the last delivery when it came after the end, and follows the organiser’s months', () => {
    const closed = { ...base, status: 'closed' as const, closedAt: new Date('2026-03-10T09:00:00Z') };
    expect(retentionDueDate({ ...closed, lastDeliveredOn: '2026-06-01' }, now)).toEqual(new Date('2026-12-01T23:59:59.999Z'));
    expect(retentionDueDate({ ...closed, lastDeliveredOn: '2026-01-01' }, now)).toEqual(new Date('2026-09-10T09:00:00Z'));
    expect(retentionDueDate({ ...closed, retentionMonths: 24 }, now)).toEqual(new Date('2028-03-10T09:00:00Z'));
    expect(retentionDueDate({ ...closed, retentionMonths: 0 }, now)).toEqual(new Date('2026-03-10T09:00:00Z'));
  });
});
