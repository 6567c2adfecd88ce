import { notFound } from 'next/navigation';

/**
 * The arguments our forms pass to server actions. Anything else is a hand-made call: it gets
 * the 404 of an address that does not exist instead of failing further in with a 500.
 */
export function requireForm(value: unknown): asserts value is FormData {
  if (!(value instanceof FormData)) notFound();
}

/** A bound argument (slug, token): always a string when the call comes from our pages. */
export function requireText(value: unknown): asserts value is string {
  if (typeof value !== 'string') notFound();
}
