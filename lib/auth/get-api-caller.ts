import { authenticateApiToken } from '@/lib/api-tokens/authenticate-api-token';
import { AppError } from '@/lib/errors';
import type { Caller } from './caller';
import { getCaller } from './get-caller';

/**
 * The caller of an organiser API route: the API token in `Authorization: Bearer`, else the
 * session. No credential, or a malformed, unknown or revoked token, is a 401 that says nothing
 * about the campaign asked for. Only API routes call this: tokens never open pages or actions.
 */
export async function getApiCaller(request: Request): Promise<Caller> {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const bearer = /^Bearer +(\S{1,200})$/i.exec(header.trim());
    const caller = bearer ? await authenticateApiToken(bearer[1]) : null;
    if (!caller) throw new AppError('unauthenticated', 'The API token is missing, unknown or revoked');
    return caller;
  }
  const caller = await getCaller();
  if (!caller) throw new AppError('unauthenticated', 'Sign in, or send an API token as Authorization: Bearer');
  return caller;
}
