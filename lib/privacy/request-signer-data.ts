import { getDb } from '@/db/client';
import { signerDataRequests } from '@/db/schema';
import { sealRequestAddress } from '@/lib/crypto/seal-mail';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { parseInput } from '@/lib/schemas/field-errors';
import { signerDataRequestSchema } from '@/lib/schemas/signer-data-request';
import { wakeWorker } from '@/lib/worker/wake-worker';

/**
 * Someone asks for the data we hold about their address (GDPR Art. 15). The answer goes by mail
 * to that address only, so nobody learns anything about an address they cannot read; here the
 * request is only appended (the same work whether or not the address signed anything).
 */
export async function requestSignerData(input: unknown, options: { locale: string; client?: string | null }): Promise<{ status: 'check_inbox' }> {
  const { email } = parseInput(signerDataRequestSchema, input);
  await enforceLimit('data-request-client', options.client ?? null);
  const db = await getDb();
  await db.insert(signerDataRequests).values({ sealed: sealRequestAddress(email), locale: options.locale });
  setTimeout(wakeWorker, 20);
  return { status: 'check_inbox' };
}
