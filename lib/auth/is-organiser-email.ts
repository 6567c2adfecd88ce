import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisers } from '@/db/schema';
import { getEnv } from '@/lib/env';

export function isAdminEmail(email: string): boolean {
  return getEnv().adminEmails.includes(email.trim().toLowerCase());
}

/** Only administrators (ADMIN_EMAILS) and the addresses they invited may sign in. */
export async function isOrganiserEmail(email: string | null | undefined): Promise<boolean> {
  if (!email) return false;
  const normalised = email.trim().toLowerCase();
  if (isAdminEmail(normalised)) return true;
  const db = await getDb();
  const [row] = await db.select({ email: organisers.email }).from(organisers).where(eq(organisers.email, normalised)).limit(1);
  return Boolean(row);
}
