import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth from 'next-auth';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { hashSessionTokens } from '@/lib/auth/hash-session-tokens';
import { isOrganiserEmail } from '@/lib/auth/is-organiser-email';
import { recordSignIn } from '@/lib/auth/record-sign-in';
import { sendSignInLink } from '@/lib/auth/send-sign-in-link';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { clientKey } from '@/lib/rate-limit/client-address';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { resolveLocale } from '@/lib/i18n/request';

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const env = getEnv();
  const db = await getDb();
  return {
    adapter: hashSessionTokens(
      DrizzleAdapter(db as never, {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      } as never),
    ),
    secret: env.authSecret,
    trustHost: true,
    // One line per problem: Auth.js's own logger prints stacks, SQL and the offending input (cookies, addresses).
    logger: {
      error: (error) => log('warn', 'sign-in problem', { error: (error as { type?: string }).type ?? error.name }),
      warn: (code) => log('debug', 'sign-in warning', { code }),
      debug: () => {},
    },
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: { signIn: '/login', verifyRequest: '/login/check', error: '/login/error' },
    providers: [
      {
        id: 'email',
        type: 'email',
        name: 'Email',
        maxAge: 24 * 60 * 60,
        options: {},
        // Magic links go through our outbox mailer (Auth.js's Resend provider ignores RESEND_BASE_URL).
        async sendVerificationRequest({ identifier, url }) {
          await sendSignInLink(identifier, url, await resolveLocale().catch(() => 'en'));
        },
      },
    ],
    events: {
      signIn: ({ user }) => recordSignIn(user),
    },
    callbacks: {
      async signIn({ user, email }) {
        // Everyone gets a mail (see sendSignInLink); only organisers may complete the sign-in.
        // Each request stores a token, so requests are limited per client before anything is written.
        if (email?.verificationRequest) {
          await enforceLimit('sign-in-client', clientKey(await headers()));
          return true;
        }
        return isOrganiserEmail(user.email);
      },
      async session({ session, user }) {
        if (user) session.user.id = user.id;
        return session;
      },
    },
  };
});
