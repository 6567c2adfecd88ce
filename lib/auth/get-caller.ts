import { cache } from 'react';
import { auth } from '@/auth';
import type { Caller } from './caller';
import { isAdminEmail } from './is-organiser-email';

/**
 * The signed-in organiser, or null. Pages and route handlers pass this to domain functions.
 * Cached per request, so a layout and its page look the session up once.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { userId: user.id, email: user.email, isAdmin: isAdminEmail(user.email) };
});
