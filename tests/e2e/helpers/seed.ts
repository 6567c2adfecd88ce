import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request, type APIRequestContext } from '@playwright/test';
import { clearMail, linksIn, waitForMail } from './mailbox';

export const ADMIN_EMAIL = 'admin@undersigned.test';
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

// Sessions are kept beside the run's database: sign-in mails per address are rate-limited, so each
// organiser signs in once per run, whichever spec (or restarted worker) asks first.
const sessionFile = (email: string) =>
  path.join(process.env.E2E_PGLITE_DIR ?? os.tmpdir(), `..`, `session-${path.basename(process.env.E2E_PGLITE_DIR ?? 'run')}-${email}.json`);

/** An API client signed in as an organiser through the real magic-link flow. */
export async function signedInRequest(email = ADMIN_EMAIL): Promise<APIRequestContext> {
  const file = sessionFile(email);
  if (existsSync(file)) return request.newContext({ baseURL: BASE_URL, storageState: file });
  const api = await request.newContext({ baseURL: BASE_URL });
  const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
  const sent = Date.now();
  const answer = await api.post('/api/auth/signin/email', {
    form: { email, csrfToken, callbackUrl: `${BASE_URL}/dashboard` },
    maxRedirects: 0,
  });
  if (answer.status() >= 400) throw new Error(`sign-in request failed: ${answer.status()}`);
  const mail = await waitForMail(email, /sign-in link|connexion/i, 15_000, sent);
  const verify = linksIn(mail.html).find((link) => link.includes('/login/verify'));
  if (!verify) throw new Error('no verify link in the sign-in mail');
  const callback = new URL(verify).searchParams.get('url')!;
  const done = await api.get(callback);
  if (!done.ok()) throw new Error(`sign-in callback failed: ${done.status()}`);
  mkdirSync(path.dirname(file), { recursive: true });
  await api.storageState({ path: file });
  return api;
}

export const uniqueSlug = (prefix = 'letter') => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A published campaign created through the organiser API. */
export async function createPublishedCampaign(overrides: Record<string, unknown> = {}): Promise<{ slug: string; title: string }> {
  const api = await signedInRequest();
  const body = {
    slug: uniqueSlug(),
    title: 'Release the Harbour Street Five',
    summary: 'Five journalists held without charge.',
    letter: 'Excellency,\n\nWe write about **five journalists** held without charge.',
    addressees: ['UN High Commissioner for Human Rights'],
    demands: ['Release them'],
    goal: 100,
    language: 'en',
    ...overrides,
  };
  const created = await api.post('/api/v1/campaigns', { data: body });
  if (created.status() !== 201) throw new Error(`create failed: ${created.status()} ${await created.text()}`);
  const published = await api.patch(`/api/v1/campaigns/${body.slug}`, { data: { status: 'published' } });
  if (!published.ok()) throw new Error(`publish failed: ${published.status()}`);
  await api.dispose();
  return { slug: body.slug, title: body.title as string };
}

export { clearMail };

/** A published HRC joint written statement for organisations, its session two months away. */
export async function createPublishedHrcStatement(title: string, letter: string): Promise<{ slug: string; title: string }> {
  return createPublishedCampaign({
    kind: 'hrc-statement',
    title,
    letter,
    addressees: [],
    demands: ['Release the Harbour Street Five'],
    signerKinds: ['organisation'],
    hrc: {
      session: 62,
      agendaItem: 4,
      sessionStartsOn: new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10),
      submitter: { name: 'Coalition for Press Freedom', ecosocStatus: 'general' },
      contact: { name: 'Mira Tan', email: 'mira@example.org', phone: '+41 22 000 00 00' },
    },
  });
}
