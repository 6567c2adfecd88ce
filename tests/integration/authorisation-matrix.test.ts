import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { campaigns, workspaceInvitations, workspaceMembers, workspaces } from '@/db/schema';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import type { Caller } from '@/lib/auth/caller';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { createToken } from '@/lib/signatures/create-token';
import type { Access } from '@/lib/workspaces/access';
import { getWorkspace } from '@/lib/workspaces/get-workspace';
import { campaignInput, createOrganiser, createPublishedCampaign, signAndConfirm, unique } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

/**
 * Every organiser page, server action and API route, called by each kind of caller: a visitor
 * with no session, an organiser of another workspace, a viewer, an editor and an owner of the
 * campaign's workspace, an administrator, and (the API) a revoked token and a token of each role.
 * A denial is a 404 with nothing in it (401 on the API without a valid credential); an allowance
 * does what the role allows. Routes, actions and pages are found on disk: a new one that is not
 * in the tables below fails the first tests.
 */

const session = vi.hoisted(() => ({ caller: null as Caller | null }));
vi.mock('@/lib/auth/get-caller', () => ({ getCaller: async () => session.caller }));
// Outside a request Next.js cannot refresh a page; the rest of next/cache is used as is.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));
vi.mock('@/lib/i18n/request', async (original) => ({ ...(await original<typeof import('@/lib/i18n/request')>()), resolveLocale: async () => 'en' }));
// Pages read their words through next-intl's request config; here they get the English messages.
vi.mock('next-intl/server', async () => {
  const { createFormatter, createTranslator } = await import('use-intl/core');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('en');
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'en', messages, namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: 'en', timeZone: 'UTC' }),
    getLocale: async () => 'en',
    getRequestConfig: (config: unknown) => config,
  };
});

withTestDatabase();

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, match));
    else if (match(name)) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
/** `app/api/v1/campaigns/[slug]/route.ts` → `/api/v1/campaigns/[slug]`. */
const routePath = (file: string) => `/${rel(file).replace(/^app\//, '').replace(/\/route\.ts$/, '')}`;
const pagePath = (file: string) => `/${rel(file).replace(/^app\//, '').replace(/\([^)]+\)\//g, '').replace(/\/?page\.tsx$/, '')}`;

/** Every exported HTTP method of every route handler under app/. */
function discoverRoutes(): { key: string; file: string; method: string }[] {
  return filesUnder(path.join(ROOT, 'app'), (name) => name === 'route.ts').flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const methods = new Set<string>();
    for (const match of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(match[1]);
    for (const match of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
      for (const name of match[1].split(',').map((part) => part.trim())) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name);
    }
    return [...methods].map((method) => ({ key: `${method} ${routePath(file)}`, file, method }));
  });
}

/** Every exported `…Action` of every module marked 'use server'. */
function discoverActions(): { name: string; file: string }[] {
  return filesUnder(path.join(ROOT, 'app'), (name) => /\.tsx?$/.test(name)).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    if (!/^\s*['"]use server['"]/.test(source)) return [];
    return [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+Action)\b/g)].map((match) => ({ name: match[1], file }));
  });
}

function discoverPages(): { key: string; file: string }[] {
  return filesUnder(path.join(ROOT, 'app', '(organiser)'), (name) => name === 'page.tsx').map((file) => ({ key: pagePath(file), file }));
}

// ---------------------------------------------------------------------------------------------
// Who calls

const PEOPLE = ['stranger', 'other', 'viewer', 'editor', 'owner', 'admin'] as const;
type Person = (typeof PEOPLE)[number];
const TOKENS = ['revoked-token', 'viewer-token', 'editor-token', 'other-token'] as const;
type TokenHolder = (typeof TOKENS)[number];

/** What each person may do with the campaign and its workspace. */
const accessOf: Record<Person, Access | null> = { stranger: null, other: null, viewer: 'view', editor: 'edit', owner: 'own', admin: 'own' };
const tokenAccess: Record<TokenHolder, Access | null> = { 'revoked-token': null, 'viewer-token': 'view', 'editor-token': 'edit', 'other-token': null };
const rank: Record<Access, number> = { view: 1, edit: 2, own: 3 };

/**
 * public: not the organisers' (the sign form, verification…): not checked here;
 * signed-in: any organiser, each with their own data; admin: administrators only;
 * view, edit, own: the least role in the campaign's workspace (or on the workspace itself).
 */
type Rule = 'public' | 'signed-in' | 'admin' | Access;

function personMay(rule: Rule, who: Person): boolean {
  if (rule === 'public') return true;
  if (who === 'stranger') return false;
  if (rule === 'signed-in') return true;
  if (rule === 'admin') return who === 'admin';
  const access = accessOf[who];
  return access !== null && rank[access] >= rank[rule];
}

function tokenMay(rule: Rule, holder: TokenHolder): boolean {
  if (holder === 'revoked-token') return false;
  if (rule === 'signed-in') return holder !== 'viewer-token';
  const access = tokenAccess[holder];
  return rule !== 'admin' && rule !== 'public' && access !== null && rank[access] >= rank[rule];
}

// ---------------------------------------------------------------------------------------------
// The world they call into

type World = {
  people: Record<Person, Caller | null>;
  tokens: Record<TokenHolder, string>;
  slug: string;
  title: string;
  workspaceId: string;
  otherWorkspaceId: string;
  signatureId: string;
  notableId: string;
  deliveryId: string;
  signerEmail: string;
  addressee: string;
};
let world: World;

beforeAll(async () => {
  const owner = await createOrganiser();
  const title = `Matrix letter ${unique()}`;
  const { campaign } = await createPublishedCampaign(owner, { title, signerKinds: ['individual', 'notable'] });
  const db = await getDb();
  const [{ workspaceId }] = await db.select({ workspaceId: campaigns.workspaceId }).from(campaigns).where(eq(campaigns.id, campaign.id));
  await db.update(workspaces).set({ name: `Matrix NGO ${unique()}` }).where(eq(workspaces.id, workspaceId));
  const editor = await createOrganiser();
  const viewer = await createOrganiser();
  await db.insert(workspaceMembers).values([
    { workspaceId, userId: editor.userId, role: 'editor' },
    { workspaceId, userId: viewer.userId, role: 'viewer' },
  ]);
  const other = await createOrganiser();
  const otherCampaign = await createCampaign(other, campaignInput());
  const [{ workspaceId: otherWorkspaceId }] = await db.select({ workspaceId: campaigns.workspaceId }).from(campaigns).where(eq(campaigns.id, otherCampaign.id));
  const admin = await createOrganiser({ admin: true });

  const signer = await signAndConfirm(campaign.slug, { givenName: 'Mahsa', familyName: 'Karimi' });
  const notable = await signAndConfirm(campaign.slug, { kind: 'notable', givenName: 'Jane', familyName: 'Doe', title: 'Judge', country: 'GB' });
  const addressee = campaign.addressees[0].name;
  const delivery = await createDelivery(owner, campaign.slug, { addressee, channel: 'post', formats: ['csv'] });

  const token = async (holder: Caller, workspace: string, role: 'editor' | 'viewer') => (await createApiToken(holder, workspace, { name: unique('t'), role })).token;
  const revoked = await createApiToken(owner, workspaceId, { name: 'revoked', role: 'editor' });
  await revokeApiToken(owner, workspaceId, revoked.summary.id);

  world = {
    people: { stranger: null, other, viewer, editor, owner, admin },
    tokens: {
      'revoked-token': revoked.token,
      'viewer-token': await token(owner, workspaceId, 'viewer'),
      'editor-token': await token(editor, workspaceId, 'editor'),
      'other-token': await token(other, otherWorkspaceId, 'editor'),
    },
    slug: campaign.slug,
    title,
    workspaceId,
    otherWorkspaceId,
    signatureId: signer.id,
    notableId: notable.id,
    deliveryId: delivery.id,
    signerEmail: signer.input.email,
    addressee,
  };
});

const today = () => new Date().toISOString().slice(0, 10);
const importCsv = 'kind,given_name,family_name,country\r\nindividual,Paper,Signer,FR\r\n';
const provenance = { description: 'Signed at a vigil', collectedBy: 'Field team', collectedOn: '2026-03-08' };

// ---------------------------------------------------------------------------------------------
// The tables

type RouteCase = {
  rule: Rule;
  params?: () => Record<string, string>;
  body?: () => unknown;
  /** For a call that needs its own campaign (deleting one): made before each call. */
  prepare?: () => Promise<{ params: Record<string, string>; body?: unknown }>;
};

/** A campaign of the matrix's workspace made only to be deleted. */
async function spareCampaign(): Promise<string> {
  return (await createCampaign(world.people.owner, campaignInput({ workspaceId: world.workspaceId }))).slug;
}

const slugOnly = () => ({ slug: world.slug });
const organiserRoutes: Record<string, RouteCase> = {
  'GET /api/v1/campaigns': { rule: 'public' },
  'POST /api/v1/campaigns': { rule: 'signed-in', body: () => campaignInput() },
  'GET /api/v1/campaigns/[slug]': { rule: 'public' },
  'PATCH /api/v1/campaigns/[slug]': { rule: 'edit', params: slugOnly, body: () => ({ summary: `Edited ${unique()}` }) },
  'DELETE /api/v1/campaigns/[slug]': {
    rule: 'own',
    prepare: async () => {
      const slug = await spareCampaign();
      return { params: { slug }, body: { confirm: slug } };
    },
  },
  'POST /api/v1/campaigns/[slug]/signatures': { rule: 'public' },
  'GET /api/v1/campaigns/[slug]/signatures': { rule: 'view', params: slugOnly },
  'GET /api/v1/campaigns/[slug]/signatures/review-queue': { rule: 'view', params: slugOnly },
  'POST /api/v1/campaigns/[slug]/signatures/held': { rule: 'edit', params: slugOnly, body: () => ({ ids: [world.signatureId] }) },
  'POST /api/v1/campaigns/[slug]/signatures/[id]/name': { rule: 'edit', params: () => ({ slug: world.slug, id: world.signatureId }), body: () => ({ hidden: false }) },
  'POST /api/v1/campaigns/[slug]/signatures/[id]/review': { rule: 'edit', params: () => ({ slug: world.slug, id: world.notableId }), body: () => ({ decision: 'approve' }) },
  'GET /api/v1/campaigns/[slug]/exports/[format]': { rule: 'edit', params: () => ({ slug: world.slug, format: 'csv' }) },
  'GET /api/v1/campaigns/[slug]/deliveries': { rule: 'view', params: slugOnly },
  'POST /api/v1/campaigns/[slug]/deliveries': { rule: 'edit', params: slugOnly, body: () => ({ addressee: world.addressee, channel: 'post', formats: ['json'] }) },
  'GET /api/v1/campaigns/[slug]/deliveries/[id]/packet': { rule: 'edit', params: () => ({ slug: world.slug, id: world.deliveryId }) },
  'POST /api/v1/campaigns/[slug]/deliveries/[id]/responses': {
    rule: 'edit',
    params: () => ({ slug: world.slug, id: world.deliveryId }),
    body: () => ({ status: 'acknowledged', receivedOn: today() }),
  },
  'GET /api/v1/campaigns/[slug]/imports': { rule: 'view', params: slugOnly },
  'POST /api/v1/campaigns/[slug]/imports': { rule: 'edit', params: slugOnly, body: () => ({ dryRun: true, provenance, csv: importCsv }) },
  'POST /api/v1/campaigns/[slug]/invalidations': { rule: 'edit', params: slugOnly, body: () => ({ filter: { country: 'ZZ' }, dryRun: true }) },
  'GET /api/v1/campaigns/[slug]/mail': { rule: 'view', params: slugOnly },
  'GET /api/v1/campaigns/[slug]/audit': { rule: 'view', params: slugOnly },
  'POST /api/v1/campaigns/[slug]/mail': { rule: 'edit', params: slugOnly },
  'GET /api/v1/campaigns/[slug]/versions': { rule: 'public' },
  'POST /api/v1/campaigns/[slug]/withdrawals': { rule: 'public' },
  'POST /api/v1/confirmations': { rule: 'public' },
  'POST /api/v1/verify': { rule: 'public' },
  'POST /api/v1/verify/receipt': { rule: 'public' },
  'GET /api/health': { rule: 'public' },
  'GET /api/auth/[...nextauth]': { rule: 'public' },
  'POST /api/auth/[...nextauth]': { rule: 'public' },
  'POST /api/webhooks/resend': { rule: 'public' },
  'POST /api/v1/data-requests': { rule: 'public' },
  'GET /.well-known/security.txt': { rule: 'public' },
};

/** What an action is called with: its bound arguments, then (for forms) the form. */
type ActionCase = { rule: Rule; args?: () => Promise<unknown[]> | unknown[] };

const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const idle = { status: 'idle' };

/** A member added only to be removed or have their role changed, so each call has its own. */
async function spareMember(): Promise<string> {
  const member = await createOrganiser();
  const db = await getDb();
  await db.insert(workspaceMembers).values({ workspaceId: world.workspaceId, userId: member.userId, role: 'editor' });
  return member.userId;
}

async function openInvitation(email = `${unique('invitee')}@example.org`): Promise<{ id: string; token: string; email: string }> {
  const db = await getDb();
  const { token, tokenHash } = createToken();
  const [row] = await db
    .insert(workspaceInvitations)
    .values({ workspaceId: world.workspaceId, email, role: 'viewer', tokenHash, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  return { id: row.id, token, email };
}

const organiserActions: Record<string, ActionCase> = {
  requestSignInLinkAction: { rule: 'public' },
  signOutAction: { rule: 'public' },
  signAction: { rule: 'public' },
  confirmAction: { rule: 'public' },
  requestWithdrawalAction: { rule: 'public' },
  withdrawAction: { rule: 'public' },
  setLocaleAction: { rule: 'public' },
  requestSignerDataAction: { rule: 'public' },
  createCampaignAction: { rule: 'signed-in', args: () => [{}, form({ slug: unique('created'), title: 'A new letter', letter: 'Text', language: 'en', kind: 'call' })] },
  createWorkspaceAction: { rule: 'signed-in', args: () => [{ name: '' }, form({ name: `Workspace ${unique()}` })] },
  inviteOrganiserAction: { rule: 'admin', args: () => [{ email: '' }, form({ email: `${unique('organiser')}@example.org` })] },
  updateCampaignAction: { rule: 'edit', args: () => [world.slug, {}, form({ summary: `Summary ${unique()}` })] },
  publishCampaignAction: { rule: 'own', args: () => [world.slug] },
  closeCampaignAction: { rule: 'own', args: () => [world.slug] },
  setRetentionAction: { rule: 'own', args: () => [world.slug, {}, form({ months: '6' })] },
  deleteCampaignAction: {
    rule: 'own',
    args: async () => {
      const slug = await spareCampaign();
      return [slug, {}, form({ confirm: slug })];
    },
  },
  reviewAction: { rule: 'edit', args: () => [world.slug, world.notableId, idle, form({ decision: 'approve' })] },
  includeHeldAction: { rule: 'edit', args: () => [world.slug, world.signatureId] },
  hideNameAction: { rule: 'edit', args: () => [world.slug, world.signatureId] },
  showNameAction: { rule: 'edit', args: () => [world.slug, world.signatureId] },
  retryFailedMailAction: { rule: 'edit', args: () => [world.slug] },
  invalidateAction: { rule: 'edit', args: () => [world.slug, idle, form({ country: 'ZZ', intent: 'preview' })] },
  importAction: {
    rule: 'edit',
    args: () => [world.slug, idle, form({ ...provenance, file: new File([importCsv], 'paper.csv', { type: 'text/csv' }) })],
  },
  deliverAction: { rule: 'edit', args: () => [world.slug, idle, form({ addressee: world.addressee, channel: 'post', formats: 'json', nonce: unique() })] },
  responseAction: { rule: 'edit', args: () => [world.slug, world.deliveryId, idle, form({ status: 'acknowledged', receivedOn: today() })] },
  revealEmailAction: { rule: 'edit', args: () => [world.slug, world.signatureId, { shown: false }] },
  shareCampaignAction: { rule: 'own', args: () => [world.slug, {}, form({ workspaceId: world.otherWorkspaceId, role: 'viewer' })] },
  unshareCampaignAction: { rule: 'own', args: () => [world.slug, world.otherWorkspaceId] },
  inviteMemberAction: { rule: 'own', args: () => [world.workspaceId, {}, form({ email: `${unique('member')}@example.org`, role: 'viewer' })] },
  cancelInvitationAction: { rule: 'own', args: async () => [world.workspaceId, (await openInvitation()).id] },
  changeMemberRoleAction: { rule: 'own', args: async () => [world.workspaceId, await spareMember(), form({ role: 'viewer' })] },
  removeMemberAction: { rule: 'own', args: async () => [world.workspaceId, await spareMember()] },
  createApiTokenAction: { rule: 'view', args: () => [world.workspaceId, {}, form({ name: unique('token'), role: 'viewer' })] },
  revokeApiTokenAction: {
    rule: 'own',
    args: async () => [world.workspaceId, (await createApiToken(world.people.owner, world.workspaceId, { name: unique('t'), role: 'viewer' })).summary.id],
  },
  // Anyone signed in may try; only the invited address joins (checked below).
  acceptInvitationAction: { rule: 'signed-in', args: async () => [(await openInvitation()).token] },
};

type PageCase = { rule: Rule; params?: () => Record<string, string>; check?: (who: Person, page: RenderedPage) => void };
type RenderedPage = { text: string; actions: Set<string> };

// (The review queue is empty by now: the routes and actions above approved its one signature.)
const editActions = ['invalidateAction', 'hideNameAction', 'revealEmailAction'];
const organiserPages: Record<string, PageCase> = {
  '/login': { rule: 'public' },
  '/login/check': { rule: 'public' },
  '/login/verify': { rule: 'public' },
  '/login/error': { rule: 'public' },
  '/dashboard': {
    rule: 'signed-in',
    check: (who, page) => expect(page.text.includes(world.title), `${who} sees the campaign listed`).toBe(personMay('view', who)),
  },
  '/dashboard/new': { rule: 'signed-in' },
  '/dashboard/organisers': { rule: 'admin' },
  '/dashboard/c/[slug]': {
    rule: 'view',
    params: slugOnly,
    check: (who, page) => {
      expect(page.text).toContain(world.title);
      expect(page.text, 'no signer address on the page').not.toContain(world.signerEmail);
      for (const action of editActions) expect(page.actions.has(action), `${who}: ${action}`).toBe(personMay('edit', who));
      expect(page.actions.has('closeCampaignAction') || page.actions.has('publishCampaignAction'), `${who}: publish or close`).toBe(personMay('own', who));
      expect(page.actions.has('shareCampaignAction'), `${who}: share`).toBe(personMay('own', who));
    },
  },
  '/dashboard/c/[slug]/edit': { rule: 'edit', params: slugOnly },
  '/dashboard/c/[slug]/audit': { rule: 'view', params: slugOnly },
  '/dashboard/c/[slug]/imports': {
    rule: 'view',
    params: slugOnly,
    check: (who, page) => expect(page.actions.has('importAction'), who).toBe(personMay('edit', who)),
  },
  '/dashboard/c/[slug]/deliveries': {
    rule: 'view',
    params: slugOnly,
    check: (who, page) => {
      expect(page.actions.has('responseAction'), who).toBe(personMay('edit', who));
      expect(page.text.includes('/packet'), `${who}: packet link`).toBe(personMay('edit', who));
    },
  },
  '/dashboard/w/[id]': {
    rule: 'view',
    params: () => ({ id: world.workspaceId }),
    check: (who, page) => {
      for (const action of ['inviteMemberAction', 'changeMemberRoleAction']) expect(page.actions.has(action), `${who}: ${action}`).toBe(personMay('own', who));
      expect(page.actions.has('createApiTokenAction')).toBe(true);
    },
  },
  // Anyone may open the link; only the invited address learns which workspace it is for.
  '/dashboard/invitations/[token]': { rule: 'public' },
};

// ---------------------------------------------------------------------------------------------
// Calling

type Outcome = 'allowed' | 'not-found' | 'sign-in' | 'unauthenticated';

function nextOutcome(error: unknown): Outcome | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== 'string') return null;
  if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not-found';
  if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2] === '/login' ? 'sign-in' : 'allowed';
  return null;
}

async function callAction(name: string, who: Person): Promise<{ outcome: Outcome; result?: unknown }> {
  const { file } = discoverActions().find((action) => action.name === name)!;
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const args = await organiserActions[name].args!();
  session.caller = world.people[who];
  try {
    const result = await mod[name](...args);
    return { outcome: 'allowed', result };
  } catch (error) {
    const outcome = nextOutcome(error);
    if (!outcome) throw error;
    return { outcome };
  } finally {
    session.caller = null;
  }
}

async function callRoute(key: string, credential: { who: Person } | { token: string }): Promise<{ outcome: Outcome; status: number; body: string }> {
  const [method, routeKey] = key.split(' ');
  const { file } = discoverRoutes().find((route) => route.key === key)!;
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
  const spec = organiserRoutes[key];
  const prepared = await spec.prepare?.();
  const params = prepared?.params ?? spec.params?.() ?? {};
  const url = `http://localhost${routeKey.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name]))}`;
  const headers: Record<string, string> = {};
  const body = prepared ? prepared.body : spec.body?.();
  if (body !== undefined) headers['content-type'] = 'application/json';
  if ('token' in credential) headers.authorization = `Bearer ${credential.token}`;
  session.caller = 'who' in credential ? world.people[credential.who] : null;
  try {
    const response = await mod[method](new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
      params: Promise.resolve(params),
    });
    const text = Buffer.from(await response.arrayBuffer()).toString('latin1');
    const outcome: Outcome = response.status === 404 ? 'not-found' : response.status === 401 ? 'unauthenticated' : 'allowed';
    return { outcome, status: response.status, body: text };
  } finally {
    session.caller = null;
  }
}

/** Every string a page would send the browser, client components' props included, and the actions its forms post to. */
function inspect(tree: unknown): RenderedPage {
  const strings: string[] = [];
  const actions = new Set<string>();
  const seen = new Set<unknown>();
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') strings.push(node);
    else if (typeof node === 'number') strings.push(String(node));
    else if (typeof node === 'function') {
      if (node.name.startsWith('bound ')) actions.add(node.name.slice('bound '.length));
    } else if (node && typeof node === 'object' && !seen.has(node)) {
      seen.add(node);
      const element = node as { $$typeof?: unknown; props?: unknown };
      stack.push(...(element.$$typeof ? [element.props] : Object.values(node)));
    }
  }
  return { text: strings.join('\n'), actions };
}

async function callPage(key: string, who: Person): Promise<{ outcome: Outcome; page?: RenderedPage }> {
  const { file } = discoverPages().find((page) => page.key === key)!;
  const mod = (await import(/* @vite-ignore */ file)) as { default: (props: unknown) => Promise<unknown> };
  const params = organiserPages[key].params?.() ?? {};
  session.caller = world.people[who];
  try {
    const tree = await mod.default({ params: Promise.resolve(params), searchParams: Promise.resolve({}) });
    return { outcome: 'allowed', page: inspect(tree) };
  } catch (error) {
    const outcome = nextOutcome(error);
    if (!outcome) throw error;
    return { outcome };
  } finally {
    session.caller = null;
  }
}

const notFoundBody = (body: string) => {
  const parsed = JSON.parse(body) as { error?: { code?: string } };
  return parsed.error?.code === 'not_found' && !body.includes(world.title) && !body.includes(world.signerEmail) && !body.includes(world.slug);
};

// ---------------------------------------------------------------------------------------------
// The tests

describe('the authorisation matrix covers', () => {
  it('every API route and method', () => {
    expect(discoverRoutes().map((route) => route.key).sort()).toEqual(Object.keys(organiserRoutes).sort());
  });

  it('every server action', () => {
    expect(discoverActions().map((action) => action.name).sort()).toEqual(Object.keys(organiserActions).sort());
  });

  it('every organiser page', () => {
    expect(discoverPages().map((page) => page.key).sort()).toEqual(Object.keys(organiserPages).sort());
  });

  it('with tokens that never reach pages or actions: only API routes read them', () => {
    const readers = filesUnder(path.join(ROOT, 'app'), (name) => /\.tsx?$/.test(name)).filter((file) => /get-api-caller|authenticate-api-token/.test(readFileSync(file, 'utf8')));
    expect(readers.length).toBeGreaterThan(0);
    for (const file of readers) expect(rel(file)).toMatch(/^app\/api\/v1\/.*\/route\.ts$/);
  });
});

describe('API routes', () => {
  const cases = Object.entries(organiserRoutes).filter(([, spec]) => spec.rule !== 'public');

  it.each(cases)('%s', async (key, spec) => {
    for (const who of PEOPLE) {
      const { outcome, status, body } = await callRoute(key, { who });
      const expected: Outcome = who === 'stranger' ? 'unauthenticated' : personMay(spec.rule, who) ? 'allowed' : 'not-found';
      expect(outcome, `${key} as ${who}: ${status} ${body.slice(0, 200)}`).toBe(expected);
      if (outcome === 'allowed') expect(status, `${key} as ${who}: ${body.slice(0, 200)}`).toBeLessThan(300);
      if (outcome === 'not-found') expect(notFoundBody(body), `${key} as ${who}: ${body}`).toBe(true);
      if (outcome === 'unauthenticated') expect(JSON.parse(body)).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    }
    for (const holder of TOKENS) {
      const { outcome, status, body } = await callRoute(key, { token: world.tokens[holder] });
      const expected: Outcome = holder === 'revoked-token' ? 'unauthenticated' : tokenMay(spec.rule, holder) ? 'allowed' : 'not-found';
      expect(outcome, `${key} with ${holder}: ${status} ${body.slice(0, 200)}`).toBe(expected);
      if (outcome === 'allowed') expect(status, `${key} with ${holder}: ${body.slice(0, 200)}`).toBeLessThan(300);
      if (outcome === 'not-found') expect(notFoundBody(body), `${key} with ${holder}: ${body}`).toBe(true);
    }
  });

  it('answers a malformed or unknown bearer token 401, even when a session would have been enough', async () => {
    for (const token of ['', 'usg_short', `usg_${'A'.repeat(43)}`, 'not-a-token at all']) {
      const key = 'GET /api/v1/campaigns/[slug]/signatures';
      const { file } = discoverRoutes().find((route) => route.key === key)!;
      const mod = (await import(/* @vite-ignore */ file)) as { GET: (request: Request, context: unknown) => Promise<Response> };
      session.caller = world.people.owner;
      const response = await mod.GET(new Request(`http://localhost/api/v1/campaigns/${world.slug}/signatures`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ slug: world.slug }),
      });
      session.caller = null;
      expect(response.status, token).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain(world.title);
    }
  });
});

describe('server actions', () => {
  const cases = Object.entries(organiserActions).filter(([, spec]) => spec.rule !== 'public');

  it.each(cases)('%s', async (name, spec) => {
    for (const who of PEOPLE) {
      const { outcome, result } = await callAction(name, who);
      const expected: Outcome = who === 'stranger' ? 'sign-in' : personMay(spec.rule, who) ? 'allowed' : 'not-found';
      expect(outcome, `${name} as ${who}`).toBe(expected);
      if (outcome === 'allowed' && result && typeof result === 'object') {
        // A form state that says the input was refused would not prove the action ran.
        expect(['invalid', 'refused'], `${name} as ${who}: ${JSON.stringify(result)}`).not.toContain((result as { status?: string }).status);
        expect((result as { error?: string }).error, `${name} as ${who}: ${JSON.stringify(result)}`).toBeUndefined();
      }
    }
  });

  it('lets only the invited address join through an invitation', async () => {
    const db = await getDb();
    const invitee = await createOrganiser();
    for (const who of ['other', 'viewer', 'editor', 'owner', 'admin'] as const) {
      const { token } = await openInvitation(invitee.email);
      session.caller = world.people[who];
      const { acceptInvitationAction } = await import('@/app/(organiser)/dashboard/invitations/[token]/actions');
      await acceptInvitationAction(token).catch(() => {});
      session.caller = null;
      const joined = await db
        .select()
        .from(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, world.workspaceId), eq(workspaceMembers.userId, invitee.userId)));
      expect(joined, `${who} used the invitee's link`).toEqual([]);
      await db.delete(workspaceInvitations).where(eq(workspaceInvitations.email, invitee.email));
    }
  });
});

describe('organiser pages', () => {
  const cases = Object.entries(organiserPages).filter(([, spec]) => spec.rule !== 'public');

  it.each(cases)('%s', async (key, spec) => {
    for (const who of PEOPLE) {
      const { outcome, page } = await callPage(key, who);
      const expected: Outcome = who === 'stranger' ? 'sign-in' : personMay(spec.rule, who) ? 'allowed' : 'not-found';
      expect(outcome, `${key} as ${who}`).toBe(expected);
      if (page) spec.check?.(who, page);
    }
  });

  it('/dashboard/invitations/[token] names the workspace to the invited address only', async () => {
    const invitee = await createOrganiser();
    const { token } = await openInvitation(invitee.email);
    const { name } = await getWorkspace(world.people.owner, world.workspaceId);
    const mod = await import('@/app/(organiser)/dashboard/invitations/[token]/page');
    const open = async (caller: Caller | null) => {
      session.caller = caller;
      try {
        return inspect(await mod.default({ params: Promise.resolve({ token }) }));
      } finally {
        session.caller = null;
      }
    };
    for (const who of PEOPLE) {
      const page = await open(world.people[who]);
      expect(page.text.includes(name), who).toBe(false);
      expect(page.actions.has('acceptInvitationAction'), who).toBe(false);
    }
    const page = await open(invitee);
    expect(page.text).toContain(name);
    expect(page.actions.has('acceptInvitationAction')).toBe(true);
  });
});
