import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/** A domain not_found becomes the framework's 404, exactly like a page that does not exist. */
export function orNotFound<T>(pending: Promise<T>): Promise<T> {
  return pending.catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
}
