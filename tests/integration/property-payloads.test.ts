import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Caller } from '@/lib/auth/caller';
import { PROPERTY_TOTAL } from '../helpers/property';
import { withTestDatabase } from '../helpers/test-db';
import { payloadsRun } from './property/context';
import { describeImportProperties } from './property/imports';
import { describeOrganiserProperties } from './property/organiser';
import { describeSignProperties } from './property/sign';
import { describeVerifyProperties } from './property/verify';

/**
 * Generated payloads thrown at every way in that takes input (the issue asks for 10,000 a run):
 * never a 5xx, a 4xx is a JSON error naming no one and quoting no code or SQL, and every row
 * stored is one the schema takes. One file, one database: the suites share the set-up cost.
 */

// Limits off: every payload must reach the schema and the database, not stop at a 429.
vi.hoisted(() => {
  process.env.RATE_LIMITS = 'off';
});
vi.mock('next/headers', async () => {
  const { request } = await import('./property/context');
  return { headers: async () => request.headers, cookies: async () => ({ get: () => undefined }) };
});
vi.mock('@/lib/auth/get-caller', async () => {
  const { session } = await import('./property/context');
  return { getCaller: async (): Promise<Caller | null> => session.caller };
});
// Outside a request Next.js cannot refresh or revalidate a page; the rest of next/cache is used as is.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {}, revalidatePath: () => {}, revalidateTag: () => {} }));

withTestDatabase();

describeSignProperties();
describeOrganiserProperties();
describeImportProperties();
describeVerifyProperties();

describe('property: in all', () => {
  afterAll(() => {
    console.log(`[property] ${payloadsRun()} generated payloads in all`);
  });

  it(`ran at least 10,000 generated payloads (${PROPERTY_TOTAL} planned)`, () => {
    expect(PROPERTY_TOTAL).toBeGreaterThanOrEqual(10_000);
    expect(payloadsRun()).toBeGreaterThanOrEqual(PROPERTY_TOTAL);
  });
});
