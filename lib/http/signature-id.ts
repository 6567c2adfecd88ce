import { AppError } from '@/lib/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are checked before they reach a query: a malformed one is a missing record, never a database error. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A signature id from a URL: anything but a UUID is a signature that does not exist (404), never a database error. */
export function signatureIdOrNotFound(id: string): string {
  if (!isUuid(id)) throw new AppError('not_found', 'Signature not found');
  return id;
}
