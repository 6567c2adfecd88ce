import type { Caller } from '@/lib/auth/caller';

/** Who calls, as the route handlers and actions see it: the test file's mocks of next/headers and getCaller read these. */
export const session = { caller: null as Caller | null };
export const request = { headers: new Headers() };

let payloads = 0;

/** Counts one generated payload sent to the app; the file asserts the total. */
export function countPayload(): void {
  payloads++;
}

export function payloadsRun(): number {
  return payloads;
}
