import { auth } from '@/auth';
import type { Caller } from './caller';
import { isAdminEmail } from './is-organiser-email';

/** The signed-in organiser, or null. Pages and route handlers pass this to domain functions. */
export async function getCaller(): Promise<Caller | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { userId: user.id, email: user.email, isAdmin: isAdminEmail(user.email) };
}
