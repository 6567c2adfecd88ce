import { outbox } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { getEnv } from '@/lib/env';
import { composeMail, type MailRequest } from './compose-mail';
import { sealedOutboxFields } from './sealed-outbox-fields';
import { wakeWorker } from '@/lib/worker/wake-worker';

/**
 * Writes the mail as an outbox row inside the caller's transaction, so the mail exists
 * exactly when the change that causes it commits. The sender picks it up from there.
 */
export async function enqueueMail(tx: Tx | Db, to: string, request: MailRequest, about: { campaignId?: string } = {}): Promise<void> {
  const content = await composeMail(request);
  await tx.insert(outbox).values({
    kind: request.kind,
    campaignId: about.campaignId,
    fromAddress: getEnv().emailFrom,
    subject: content.subject,
    ...sealedOutboxFields(to, content),
  });
  // Only a hint: the row is committed later by the caller, and the worker polls anyway.
  setTimeout(wakeWorker, 20);
}
