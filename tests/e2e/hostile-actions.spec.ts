import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { BASE_URL, createPublishedCampaign, signedInRequest, uniqueSlug } from './helpers/seed';

/**
 * Server actions called the way no page of ours calls them: each answer must be a 4xx, quick,
 * and free of stack traces. Next.js alone answers most of these with a 500.
 */

type Action = { id: string; name: string; page: string };

/** Every server action of the build, with a page that serves it (`[slug]` and `[token]` left to fill). */
function buildActions(): Action[] {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).sort()[0];
    const page = worker.replace(/^app/, '').replace(/\/\([^)]+\)/g, '').replace(/\/page$/, '') || '/';
    return { id, name: entry.exportedName, page };
  });
}

const actions = buildActions();
const TOKEN = 'A'.repeat(43);
const TEN_MB = 10 * 1024 * 1024;

let anonymous: APIRequestContext;
let slug: string;
test.beforeAll(async () => {
  anonymous = await request.newContext({ baseURL: BASE_URL });
  ({ slug } = await createPublishedCampaign());
});
test.afterAll(async () => {
  await anonymous.dispose();
});

const urlOf = (action: Action) => action.page.replace('[slug]', slug).replace('[token]', TOKEN).replace('[id]', '00000000-0000-4000-8000-000000000000');
const sameSite = { origin: BASE_URL };
const fromJs = (action: Action) => ({ ...sameSite, 'next-action': action.id, accept: 'text/x-component' });

async function expectRefused(response: APIResponse, status: number | 'client-error', what: string) {
  if (status === 'client-error') expect(response.status(), what).toBeGreaterThanOrEqual(400);
  else expect(response.status(), what).toBe(status);
  expect(response.status(), what).toBeLessThan(500);
  expect(await response.text(), what).not.toMatch(/\bat .*:\d+:\d+|node_modules/);
}

test('the build has the actions this spec expects', () => {
  expect(actions.map((action) => action.name).sort()).toEqual([
    'acceptInvitationAction',
    'cancelInvitationAction',
    'changeMemberRoleAction',
    'closeCampaignAction',
    'confirmAction',
    'createApiTokenAction',
    'createCampaignAction',
    'createWorkspaceAction',
    'deleteCampaignAction',
    'deliverAction',
    'hideNameAction',
    'importAction',
    'includeHeldAction',
    'invalidateAction',
    'inviteMemberAction',
    'inviteOrganiserAction',
    'publishCampaignAction',
    'removeMemberAction',
    'requestSignInLinkAction',
    'requestSignerDataAction',
    'requestWithdrawalAction',
    'responseAction',
    'retryFailedMailAction',
    'revealEmailAction',
    'reviewAction',
    'revokeApiTokenAction',
    'setLocaleAction',
    'setRetentionAction',
    'shareCampaignAction',
    'showNameAction',
    'signAction',
    'signOutAction',
    'unshareCampaignAction',
    'updateCampaignAction',
    'withdrawAction',
  ]);
});

test('a withdrawal request posted without JavaScript, as Chromium posts it, answers promptly with "check your inbox"', async () => {
  const page = await (await anonymous.get(`/c/${slug}/withdraw`)).text();
  const form = page.match(/<form[^>]*>(?:(?!<\/form>)[\s\S])*name="email"[\s\S]*?<\/form>/)?.[0];
  expect(form).toBeTruthy();
  const fields: Record<string, string> = {};
  for (const [, name, value = ''] of form!.matchAll(/<input type="hidden" name="([^"]*)"(?: value="([^"]*)")?\/>/g)) {
    fields[name] = value.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  }
  expect(Object.keys(fields)).toContain('$ACTION_KEY');
  const action = form!.match(/action="([^"]*)"/)?.[1] || `/c/${slug}/withdraw`;

  // It once never answered, and kept a core busy for minutes after.
  const answer = await anonymous.post(action, {
    headers: sameSite,
    multipart: { ...fields, email: `nojs-${Date.now()}@example.org` },
    timeout: 10_000,
  });
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toContain('If this address signed the letter');
});

test('arguments of the wrong kind: 400 when they are not JSON, never a 500 when they are', async () => {
  for (const action of actions) {
    for (const args of ['{{{', '"$@1"', '{"a":1}']) {
      const plain = await anonymous.post(urlOf(action), { headers: { ...fromJs(action), 'content-type': 'text/plain;charset=UTF-8' }, data: args });
      await expectRefused(plain, 400, `${action.name} text/plain ${args}`);
    }
    for (const args of ['["x",1]', '[{}]', '[]']) {
      const plain = await anonymous.post(urlOf(action), { headers: { ...fromJs(action), 'content-type': 'text/plain;charset=UTF-8' }, data: args });
      expect(plain.status(), `${action.name} text/plain ${args}`).toBeLessThan(500);
      expect(await plain.text()).not.toMatch(/\bat .*:\d+:\d+|node_modules/);
    }
    const takesArguments = action.name !== 'signOutAction';
    const wrongTypes = await anonymous.post(urlOf(action), { headers: fromJs(action), multipart: { '0': '[{},{},{}]' } });
    if (takesArguments) await expectRefused(wrongTypes, 404, `${action.name} multipart [{},{},{}]`);
    else expect(wrongTypes.status()).toBeLessThan(500);
    // Our pages pass strings and a FormData: a bound action called without them is not found either.
    const unbound = await anonymous.post(urlOf(action), { headers: sameSite, multipart: { [`$ACTION_ID_${action.id}`]: '', email: 'a@b.org' } });
    expect(unbound.status(), `${action.name} without its bound arguments`).toBeLessThan(500);
  }
});

test('garbage in the encoded arguments, bound or not, is a 400', async () => {
  for (const action of actions) {
    const descriptor = JSON.stringify({ id: action.id, bound: '$@1' });
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ['js: not JSON', fromJs(action), { '0': '{{{' }],
      ['js: a missing row', fromJs(action), { '0': '["$@5"]' }],
      ['js: a prototype path', fromJs(action), { '0': '["$1:__proto__:then"]', '1': '{}' }],
      ['no-js: bound not JSON', sameSite, { '$ACTION_REF_1': '', '$ACTION_1:0': descriptor, '$ACTION_1:1': '{{{ not json', email: 'a@b.org' }],
      ['no-js: bound a map', sameSite, { '$ACTION_REF_1': '', '$ACTION_1:0': descriptor, '$ACTION_1:1': '["$Q3"]' }],
      ['no-js: bound row missing', sameSite, { '$ACTION_REF_1': '', '$ACTION_1:0': JSON.stringify({ id: action.id, bound: '$@9' }) }],
    ];
    for (const [what, headers, multipart] of cases) {
      await expectRefused(await anonymous.post(urlOf(action), { headers, multipart }), 400, `${action.name} ${what}`);
    }
  }
});

test('a 10 MB body is a quick 413, with or without JavaScript', async () => {
  const [action] = actions.filter((candidate) => candidate.name === 'setLocaleAction');
  const pad = 'x'.repeat(TEN_MB);
  const started = Date.now();
  await expectRefused(await anonymous.post('/', { headers: sameSite, multipart: { [`$ACTION_ID_${action.id}`]: '', locale: 'fr', pad } }), 413, 'no-js');
  await expectRefused(await anonymous.post('/', { headers: fromJs(action), multipart: { '0': '["$K1"]', pad } }), 413, 'js');
  expect(Date.now() - started).toBeLessThan(10_000);

  // Without a Content-Length the body is read only up to the limit.
  const boundary = 'hostile';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="$ACTION_ID_${action.id}"\r\n\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="pad"\r\n\r\n`;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
      if (sent >= TEN_MB) return controller.close();
      sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(120));
    },
  });
  const chunked = await fetch(`${BASE_URL}/`, {
    method: 'POST',
    headers: { ...sameSite, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit);
  expect(chunked.status).toBe(413);
});

test('a foreign or null Origin is a 403, with or without JavaScript', async () => {
  for (const action of actions) {
    for (const origin of ['https://evil.example', 'null']) {
      const js = await anonymous.post(urlOf(action), { headers: { ...fromJs(action), origin }, multipart: { '0': '["$K1"]' } });
      await expectRefused(js, 403, `${action.name} js from ${origin}`);
      const noJs = await anonymous.post(urlOf(action), { headers: { origin }, multipart: { [`$ACTION_ID_${action.id}`]: '' } });
      await expectRefused(noJs, 403, `${action.name} no-js from ${origin}`);
    }
  }
});

test('an unknown action id is a 4xx', async () => {
  const unknown = `00${'ab'.repeat(20)}`;
  await expectRefused(await anonymous.post('/', { headers: { ...sameSite, 'next-action': unknown }, multipart: { '0': '[]' } }), 'client-error', 'js');
  await expectRefused(await anonymous.post('/', { headers: { ...sameSite, 'next-action': 'junk' }, multipart: { '0': '[]' } }), 'client-error', 'js junk');
  await expectRefused(await anonymous.post('/', { headers: sameSite, multipart: { [`$ACTION_ID_${unknown}`]: '' } }), 'client-error', 'no-js');
});

test('a year-0 deadline through the organiser API is a 422 with a field error', async () => {
  const organiser = await signedInRequest();
  const created = await organiser.post('/api/v1/campaigns', {
    data: { slug: uniqueSlug('year-zero'), title: 'Year zero', letter: 'Text', addressees: ['OHCHR'], language: 'en', deadline: '0000-01-01' },
  });
  expect(created.status()).toBe(422);
  expect(Object.keys((await created.json()).errors)).toEqual(['deadline']);
  await organiser.dispose();
});
