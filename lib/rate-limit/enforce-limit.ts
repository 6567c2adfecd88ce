import { AppError } from '@/lib/errors';
import { hitLimits } from './hit-limits';
import type { LimitName } from './limits';

/**
 * For `refuse` limits: counts the hit and throws a 429 with Retry-After when over. The message
 * is the same for everyone and names no address.
 */
export async function enforceLimit(name: LimitName, client: string | null): Promise<void> {
  if (!client) return;
  const { exceeded, retryAfterSeconds } = await hitLimits([{ name, subject: client }]);
  if (exceeded.length) {
    throw new AppError('rate_limited', 'Too many attempts from your connection; please wait and try again', undefined, retryAfterSeconds);
  }
}
