import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';

// The fake stands in for Resend in integration and e2e tests, so it is checked against the real SDK.
let fake: FakeResend;
let resend: Resend;

const mail = (overrides: Record<string, unknown> = {}) => ({
  from: 'Undersigned <letters@undersigned.test>',
  to: ['signer@example.org'],
  subject: 'Confirm your signature',
  html: '<p>Confirm: <a href="http://localhost/confirm?t=1&amp;x=2">here</a></p>',
  text: 'Confirm: http://localhost/confirm?t=1&x=2',
  ...overrides,
});

beforeAll(async () => {
  fake = await startFakeResend();
  // The app configures the SDK through RESEND_BASE_URL, so the tests do too.
  process.env.RESEND_BASE_URL = fake.url;
  resend = new Resend('re_test_unit');
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});

beforeEach(() => fake.clear());

describe('fake Resend with the real SDK', () => {
  it('accepts a single email and records it with the API key', async () => {
    const response = await resend.emails.send(
      mail({ to: 'signer@example.org', headers: { 'List-Unsubscribe': '<mailto:u@undersigned.test>' } }),
    );

    expect(response.error).toBeNull();
    expect(response.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.emails()).toEqual([
      expect.objectContaining({
        id: response.data?.id,
        from: 'Undersigned <letters@undersigned.test>',
        to: ['signer@example.org'],
        subject: 'Confirm your signature',
        text: 'Confirm: http://localhost/confirm?t=1&x=2',
        headers: { 'List-Unsubscribe': '<mailto:u@undersigned.test>' },
      }),
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/emails', authorization: 'Bearer re_test_unit', status: 200 });
  });

  it('accepts a batch and answers one id per email, in order', async () => {
    const response = await resend.batch.send([
      mail({ to: ['a@example.org'] }),
      mail({ to: ['b@example.org'] }),
      mail({ to: ['c@example.org'] }),
    ]);

    expect(response.error).toBeNull();
    const ids = response.data?.data.map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
    expect(fake.emails().map((email) => [email.id, email.to])).toEqual([
      [ids?.[0], ['a@example.org']],
      [ids?.[1], ['b@example.org']],
      [ids?.[2], ['c@example.org']],
    ]);
    expect(fake.requests[0]).toMatchObject({ path: '/emails/batch', headers: { 'x-batch-validation': 'strict' } });
  });

  it('rejects a batch over 100 and an email without a subject, sending nothing', async () => {
    const tooMany = await resend.batch.send(Array.from({ length: 101 }, () => mail()));
    expect(tooMany.data).toBeNull();
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: 'validation_error' });

    const noSubject = await resend.emails.send(mail({ subject: undefined }));
    expect(noSubject.error).toMatchObject({ statusCode: 422, name: 'validation_error', message: expect.stringContaining('subject') });

    const strictBatch = await resend.batch.send([mail(), mail({ to: [] })]);
    expect(strictBatch.error?.statusCode).toBe(422);
    expect(fake.emails()).toHaveLength(0);
  });

  it('replays the first answer for a repeated Idempotency-Key without sending again', async () => {
    const first = await resend.emails.send(mail(), { idempotencyKey: 'outbox-1' });
    const again = await resend.emails.send(mail(), { idempotencyKey: 'outbox-1' });
    const batch = await resend.batch.send([mail(), mail()], { idempotencyKey: 'outbox-2' });
    const batchAgain = await resend.batch.send([mail(), mail()], { idempotencyKey: 'outbox-2' });

    expect(again.data?.id).toBe(first.data?.id);
    expect(batchAgain.data).toEqual(batch.data);
    expect(fake.emails()).toHaveLength(3);
    expect(fake.requests.map((request) => [request.idempotencyKey, request.replayed])).toEqual([
      ['outbox-1', false],
      ['outbox-1', true],
      ['outbox-2', false],
      ['outbox-2', true],
    ]);

    const otherPayload = await resend.emails.send(mail({ subject: 'Different' }), { idempotencyKey: 'outbox-1' });
    expect(otherPayload.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
  });

  it('answers 429 with retry-after visible to the caller, then accepts the retry with the same key', async () => {
    fake.failNext(429, { 'retry-after': '1' });

    const limited = await resend.emails.send(mail(), { idempotencyKey: 'outbox-3' });
    expect(limited.data).toBeNull();
    expect(limited.error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    expect(limited.headers?.['retry-after']).toBe('1');
    expect(fake.emails()).toHaveLength(0);

    const retried = await resend.emails.send(mail(), { idempotencyKey: 'outbox-3' });
    expect(retried.error).toBeNull();
    expect(fake.emails()).toHaveLength(1);
  });

  it('fails the next N calls with a server error', async () => {
    fake.failNext(500, {}, 2);

    expect((await resend.batch.send([mail()])).error).toMatchObject({ statusCode: 500, name: 'application_error' });
    expect((await resend.emails.send(mail())).error?.statusCode).toBe(500);
    expect((await resend.emails.send(mail())).error).toBeNull();
    expect(fake.emails()).toHaveLength(1);
  });

  it('refuses a request without a Bearer key', async () => {
    const response = await fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mail()),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    expect(fake.emails()).toHaveLength(0);
  });

  it('is driven over HTTP by other processes through /_test', async () => {
    await resend.emails.send(mail({ to: ['first@example.org'] }));
    await resend.emails.send(mail({ to: ['second@example.org'] }));
    const listed = await (await fetch(`${fake.url}/_test/emails`)).json();
    expect(listed.map((email: { to: string[] }) => email.to[0])).toEqual(['first@example.org', 'second@example.org']);

    const failed = await fetch(`${fake.url}/_test/fail`, { method: 'POST', body: JSON.stringify({ status: 503, times: 1 }) });
    expect(failed.status).toBe(200);
    expect((await resend.emails.send(mail())).error?.statusCode).toBe(503);

    await fetch(`${fake.url}/_test/clear`, { method: 'POST' });
    expect(await (await fetch(`${fake.url}/_test/emails`)).json()).toEqual([]);
    expect((await resend.emails.send(mail())).error).toBeNull();
  });
});
