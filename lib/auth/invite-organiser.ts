import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { organisers } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { emailSchema } from '@/lib/schemas/email';
import { parseInput } from '@/lib/schemas/field-errors';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from './caller';

export const inviteOrganiserSchema = z.strictObject({
  email: emailSchema.transform((email) => email.toLowerCase()),
});

/** An administrator lets another address sign in as an organiser, and that address is told so. */
export async function inviteOrganiser(
  caller: Caller | null,
  input: unknown,
  options: { locale: string },
): Promise<{ email: string; status: 'invited' | 'already-invited' }> {
  if (!caller?.isAdmin) throw new AppError('not_found', 'Not found');
  const { email } = parseInput(inviteOrganiserSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(organisers)
      .values({ email, invitedBy: caller.userId })
      .onConflictDoNothing({ target: organisers.email })
      .returning({ email: organisers.email });
    if (!inserted) return { email, status: 'already-invited' as const };
    await enqueueMail(tx, email, {
      kind: 'organiser-invite',
      locale: options.locale,
      email,
      inviter: caller.email,
      url: `${getEnv().baseUrl}/login`,
    });
    // An organiser's account email may be shown in the log; a signer's never is.
    await appendAuditEntry(tx, { actor: actorFromCaller(caller), action: 'organiser.invite', details: { email } });
    return { email, status: 'invited' as const };
  });
}

export async function listOrganisers(caller: Caller | null): Promise<{ email: string; createdAt: string }[]> {
  if (!caller?.isAdmin) throw new AppError('not_found', 'Not found');
  const db = await getDb();
  const rows = await db.select().from(organisers).orderBy(desc(organisers.createdAt));
  return rows.map((row) => ({ email: row.email, createdAt: row.createdAt.toISOString() }));
}
