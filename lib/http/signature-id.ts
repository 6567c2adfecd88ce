import { AppError } from '@/lib/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A signature id from a URL: anything but a UUID is a signature that does not exist (404), never a database error. */
export function signatureIdOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new AppError('not_found', 'Signature not found');
  return id;
}
