'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn, signOut } from '@/auth';
import { AppError } from '@/lib/errors';
import { requireForm } from '@/lib/http/action-args';
import { emailSchema } from '@/lib/schemas/email';

const signInSchema = z.object({ email: emailSchema.transform((email) => email.toLowerCase()) });

export type SignInFormState = { email: string; error?: 'invalid' | 'rate-limited' };

/**
 * Asks Auth.js to mail a sign-in link. Every well-formed address gets the same answer
 * (/login/check): organisers are mailed a link, anyone else a "no access" note.
 */
export async function requestSignInLinkAction(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  requireForm(form);
  const raw = form.get('email');
  const email = typeof raw === 'string' ? raw : '';
  const parsed = signInSchema.safeParse({ email });
  if (!parsed.success) return { email, error: 'invalid' };
  let answer: string;
  try {
    answer = await signIn('email', { email: parsed.data.email, redirectTo: '/dashboard', redirect: false });
  } catch (error) {
    // The per-client limit is enforced inside Auth.js (see auth.ts) and comes back wrapped.
    const cause = error instanceof AuthError ? (error.cause as { err?: unknown } | undefined)?.err : undefined;
    if (cause instanceof AppError && cause.code === 'rate_limited') return { email, error: 'rate-limited' };
    if (error instanceof AuthError) redirect(`/login/error?${new URLSearchParams({ error: error.type })}`);
    throw error;
  }
  // Auth.js answers with its own /api/auth/verify-request, which only bounces to /login/check;
  // going there directly keeps the address bar right after a client-side action.
  const next = new URL(answer, 'http://placeholder.invalid');
  redirect(next.pathname.endsWith('/verify-request') ? '/login/check' : `${next.pathname}${next.search}`);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
