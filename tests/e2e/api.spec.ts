import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { linksIn, waitForMail } from './helpers/mailbox';
import { BASE_URL, createPublishedCampaign, signedInRequest, uniqueSlug } from './helpers/seed';

const signer = (email: string, extra: Record<string, unknown> = {}) => ({
  givenName: 'Ana',
  familyName: 'Velez',
  email,
  country: 'FR',
  consent: true,
  visibility: 'public',
  ...extra,
});

let anonymous: APIRequestContext;
test.beforeAll(async () => {
  anonymous = await request.newContext({ baseURL: BASE_URL });
});
test.afterAll(async () => {
  await anonymous.dispose();
});

test('signing through the API: 202 for new and repeat alike, counted once after confirmation', async () => {
  const { slug, title } = await createPublishedCampaign();
  const email = `api-${Date.now()}@example.org`;
  const since = Date.now();

  const first = await anonymous.post(`/api/v1/campaigns/${slug}/signatures`, { data: signer(email) });
  expect(first.status()).toBe(202);
  expect(await first.json()).toEqual({ status: 'pending_confirmation' });

  // The mail went out through the Resend SDK to the fake server, fully formed.
  const mail = await waitForMail(email, 'Confirm your signature', 15_000, since);
  expect(mail.from).toBe('Undersigned <letters@undersigned.test>');
  expect(mail.to).toEqual([email]);
  expect(mail.subject).toBe(`Confirm your signature: ${title}`);
  expect(mail.html).toContain('Confirm my signature');
  expect(mail.text).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}/);

  const repeat = await anonymous.post(`/api/v1/campaigns/${slug}/signatures`, {
    data: signer(email.replace('@', '+again@').toUpperCase(), { givenName: 'Someone', familyName: 'Else' }),
  });
  expect(repeat.status()).toBe(202);
  expect(await repeat.text()).toBe(await first.text());

  let campaign = (await (await anonymous.get(`/api/v1/campaigns/${slug}`)).json()).campaign;
  expect(campaign.signatureCount).toBe(0);

  // Confirming takes a POST from the confirmation page; a GET of the link changes nothing.
  const link = linksIn(mail.html).find((href) => href.includes('/confirm/'))!;
  expect((await anonymous.get(link)).status()).toBe(200);
  campaign = (await (await anonymous.get(`/api/v1/campaigns/${slug}`)).json()).campaign;
  expect(campaign.signatureCount).toBe(0);
});

test('public campaign fields, and nothing internal', async () => {
  const { slug } = await createPublishedCampaign();
  const one = await anonymous.get(`/api/v1/campaigns/${slug}`);
  expect(one.status()).toBe(200);
  const { campaign } = await one.json();
  expect(campaign).toMatchObject({ slug, status: 'published', acceptingSignatures: true, signatureCount: 0, addressees: expect.any(Array) });
  expect(campaign).not.toHaveProperty('id');
  expect(campaign).not.toHaveProperty('createdBy');

  const list = await (await anonymous.get('/api/v1/campaigns')).json();
  expect(list.campaigns.map((c: { slug: string }) => c.slug)).toContain(slug);
});

test('bad input gets a clear 4xx with reasons, never a 500', async () => {
  const { slug } = await createPublishedCampaign();
  const url = `/api/v1/campaigns/${slug}/signatures`;

  const invalid = await anonymous.post(url, { data: { givenName: '', email: 'nope', country: 'ZZ', consent: false, visibility: 'loud', extra: 1 } });
  expect(invalid.status()).toBe(422);
  const body = await invalid.json();
  expect(Object.keys(body.errors).sort()).toEqual(['consent', 'country', 'email', 'extra', 'familyName', 'givenName', 'visibility']);
  expect(body.errors.email).toEqual([expect.any(String)]);

  const malformed = await anonymous.post(url, { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"givenName": ') });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/not valid JSON/);

  const notJson = await anonymous.post(url, { headers: { 'content-type': 'text/plain' }, data: Buffer.from('hello') });
  expect(notJson.status()).toBe(415);

  const huge = await anonymous.post(url, { data: signer('big@example.org', { title: 'x'.repeat(200_000) }) });
  expect(huge.status()).toBe(413);

  const array = await anonymous.post(url, { data: [1, 2, 3] });
  expect(array.status()).toBe(422);

  for (const response of [invalid, malformed, notJson, huge, array]) {
    expect(await response.text()).not.toMatch(/at .*\.(js|ts):\d+|stack|postgres|drizzle/i);
  }
});

test('unknown, draft and closed campaigns', async () => {
  expect((await anonymous.get('/api/v1/campaigns/no-such-campaign')).status()).toBe(404);
  expect((await anonymous.post('/api/v1/campaigns/no-such-campaign/signatures', { data: signer('x@example.org') })).status()).toBe(404);

  const organiser = await signedInRequest();
  const draft = uniqueSlug('draft');
  const created = await organiser.post('/api/v1/campaigns', {
    data: { slug: draft, title: 'Draft', letter: 'Text', addressees: ['OHCHR'], language: 'en' },
  });
  expect(created.status()).toBe(201);
  expect((await anonymous.get(`/api/v1/campaigns/${draft}`)).status()).toBe(404);
  expect((await anonymous.post(`/api/v1/campaigns/${draft}/signatures`, { data: signer('y@example.org') })).status()).toBe(404);

  await organiser.patch(`/api/v1/campaigns/${draft}`, { data: { status: 'published' } });
  const closed = await organiser.patch(`/api/v1/campaigns/${draft}`, { data: { status: 'closed' } });
  expect((await closed.json()).campaign.status).toBe('closed');
  const refused = await anonymous.post(`/api/v1/campaigns/${draft}/signatures`, { data: signer('z@example.org') });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe('campaign_closed');
  await organiser.dispose();
});

test('organiser endpoints: sign-in required, and other people’s campaigns do not exist', async () => {
  const { slug } = await createPublishedCampaign();
  expect((await anonymous.post('/api/v1/campaigns', { data: { slug: 'x-y-z' } })).status()).toBe(401);
  expect((await anonymous.patch(`/api/v1/campaigns/${slug}`, { data: { status: 'closed' } })).status()).toBe(401);
  expect((await anonymous.get(`/api/v1/campaigns/${slug}/signatures?format=csv`)).status()).toBe(401);

  const admin = await signedInRequest();
  const invalid = await admin.post('/api/v1/campaigns', { data: { slug: 'Not A Slug', title: '', letter: '', addressees: 'OHCHR', language: 'xx', goal: 'many' } });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).errors).sort()).toEqual(['goal', 'language', 'letter', 'slug', 'title']);

  const csv = await admin.get(`/api/v1/campaigns/${slug}/signatures?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  await admin.dispose();
});
