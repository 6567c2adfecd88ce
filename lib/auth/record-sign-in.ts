import { getDb } from '@/db/client';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';

/** Each completed sign-in is in the audit log. Only organisers can complete one, so the address shown is an organiser's. */
export async function recordSignIn(user: { id?: string | null; email?: string | null }): Promise<void> {
  const db = await getDb();
  await db.transaction((tx) =>
    appendAuditEntry(tx, { actor: { kind: 'user', id: user.id ?? null, label: user.email ?? null }, action: 'sign-in', details: { method: 'email-link' } }),
  );
}
