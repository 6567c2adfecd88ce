import type { outbox } from '@/db/schema';
import { openMail } from '@/lib/crypto/seal-mail';

/** A waiting mail's address and bodies: opened from `sealed`, or read from the columns of a row written before sealing. */
export function openOutboxRow(row: Pick<typeof outbox.$inferSelect, 'sealed' | 'toAddress' | 'html' | 'text'>): { to: string; html: string; text: string } {
  if (row.sealed) return openMail(row.sealed);
  return { to: row.toAddress ?? '', html: row.html ?? '', text: row.text ?? '' };
}
