import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '@/lib/auth/caller';
import { withTestDatabase } from '../helpers/test-db';

// Every route acts for a signed-in administrator: a route the check missed would act for them.
const caller: Caller = { userId: 'user-admin', email: 'admin@undersigned.test', isAdmin: true };
vi.mock('@/lib/auth/get-caller', () => ({ getCaller: async () => caller }));
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {}, revalidatePath: () => {} }));

withTestDatabase();

const API_DIR = path.resolve(__dirname, '../../app/api');
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The routes another site may call, each for a reason given in its file. A new one must be added
 * here on purpose; every other mutating route is checked below to refuse a forged request.
 */
const ANY_SITE = new Set([
  'POST /api/v1/verify',
  'POST /api/v1/verify/receipt',
  'POST /api/v1/confirmations',
  'POST /api/v1/campaigns/[slug]/signatures',
  'POST /api/v1/campaigns/[slug]/withdrawals',
  'POST /api/v1/data-requests',
  'POST /api/webhooks/resend',
]);
/** Auth.js's own routes: its sign-in and sign-out posts carry its CSRF token (double-submit cookie). */
const AUTH_JS = 'app/api/auth/[...nextauth]/route.ts';

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

type Handler = ((request: Request, context: unknown) => Promise<Response>) & { crossSite?: string };

const routes = routeFiles(API_DIR)
  .filter((file) => path.relative(path.resolve(__dirname, '../..'), file) !== AUTH_JS)
  .map((file) => ({ file, address: '/api/' + path.relative(API_DIR, path.dirname(file)).split(path.sep).join('/') }));

const params = Promise.resolve({ slug: 'free-the-harbour-street-five', id: '00000000-0000-4000-8000-000000000000', format: 'csv' });

function request(method: string, address: string, headers: Record<string, string>) {
  return new Request(`http://letters.example${address}`, {
    method,
    headers: { host: 'letters.example', 'content-type': 'application/json', cookie: 'authjs.session-token=the-organisers-session', ...headers },
    body: '{}',
  });
}

const FOREIGN: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'https://letters.example.evil.example' }];
const FORBIDDEN = { error: { code: 'forbidden', message: 'This request can only be sent from this site.' } };

describe('mutating API routes and the session cookie', () => {
  it('finds the routes (the enumeration itself works)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.map((route) => route.address)).toContain('/api/v1/campaigns/[slug]');
  });

  it('every mutating route is wrapped by apiRoute, and only the listed ones accept other sites', async () => {
    const seen: string[] = [];
    for (const { file, address } of routes) {
      const routeModule = (await import(file)) as Record<string, Handler | undefined>;
      for (const method of MUTATING) {
        const handler = routeModule[method];
        if (!handler) continue;
        const name = `${method} ${address}`;
        expect(handler.crossSite, `${name} is not wrapped by apiRoute`).toMatch(/^(same-site|any-site)$/);
        if (handler.crossSite === 'any-site') seen.push(name);
      }
    }
    expect(seen.sort()).toEqual([...ANY_SITE].sort());
  });

  it('refuses a cross-site request with the cookie with a 403 and no data, on every other mutating route', async () => {
    let checked = 0;
    for (const { file, address } of routes) {
      const routeModule = (await import(file)) as Record<string, Handler | undefined>;
      for (const method of MUTATING) {
        const handler = routeModule[method];
        if (!handler || ANY_SITE.has(`${method} ${address}`)) continue;
        for (const headers of FOREIGN) {
          const response = await handler(request(method, address, headers), { params });
          expect(response.status, `${method} ${address} ${JSON.stringify(headers)}`).toBe(403);
          expect(await response.json()).toEqual(FORBIDDEN);
        }
        // From the site itself, the request reaches the route (whatever the route then answers).
        const own = await handler(request(method, address, { origin: 'https://letters.example', 'sec-fetch-site': 'same-origin' }), { params });
        expect(own.status, `${method} ${address} from the site`).not.toBe(403);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
  });

  it('lets clients without a cookie through (curl, scripts), even with a foreign Origin', async () => {
    const { PATCH } = await import('@/app/api/v1/campaigns/[slug]/route');
    const response = await PATCH(
      new Request('http://letters.example/api/v1/campaigns/nope', { method: 'PATCH', headers: { host: 'letters.example', origin: 'https://tool.example', 'content-type': 'application/json' }, body: '{}' }),
      { params: Promise.resolve({ slug: 'nope' }) },
    );
    expect(response.status).not.toBe(403);
  });
});
