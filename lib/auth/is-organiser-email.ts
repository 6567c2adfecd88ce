import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisers, workspaceInvitations } from '@/db/schema';
import { getEnv } from '@/lib/env';

export function isAdminEmail(email: string): boolean {
  return getEnv().adminEmails.includes(email.trim().toLowerCase());
}

/**
 * Only administrators (ADMIN_EMAILS), the addresses they invited, and addresses with an open
 * workspace invitation (so they can sign in to accept it) may sign in.
 */
export async function isOrganiserEmail(email: string | null | undefined): Promise<boolean> {
  if (!email) return false;
  const normalised = email.trim().toLowerCase();
  if (isAdminEmail(normalised)) return true;
  const db = await getDb();
  const [row] = await db.select({ email: organisers.email }).from(organisers).where(eq(organisers.email, normalised)).limit(1);
  if (row) return true;
  const [invited] = await db
    .select({ id: workspaceInvitations.id })
    .from(workspaceInvitations)
    .where(and(eq(workspaceInvitations.email, normalised), isNull(workspaceInvitations.acceptedAt), gt(workspaceInvitations.expiresAt, new Date())))
    .limit(1);
  return Boolean(invited);
}
