import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { outbox, outboxBatches } from '@/db/schema';
import { resetEnv } from '@/lib/env';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { purgeOutbox } from '@/lib/mail/purge-outbox';
import { listDevMailbox } from '@/lib/mail/read-dev-mailbox';
import { resetTransport } from '@/lib/mail/transport';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { createPublishedCampaign, mailsTo, signInput } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

let fake: FakeResend;

function useResend(on: boolean) {
  if (on) {
    process.env.RESEND_API_KEY = 're_test_integration';
    process.env.RESEND_BASE_URL = fake.url;
  } else {
    delete process.env.RESEND_API_KEY;
  }
  resetEnv();
  resetTransport();
}

async function clearOutbox() {
  const db = await getDb();
  await db.delete(outbox);
  await db.delete(outboxBatches);
}

async function makeAllDue() {
  const db = await getDb();
  await db.update(outboxBatches).set({ nextAttemptAt: sql`now() - interval '1 second'` });
}

async function batchOf(address: string) {
  const [row] = await mailsTo(address);
  const db = await getDb();
  const [batch] = await db.select().from(outboxBatches).where(eq(outboxBatches.id, row.batchId!));
  return batch;
}

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  useResend(false);
  await fake.close();
});
beforeEach(async () => {
  fake.clear();
  await clearOutbox();
  useResend(true);
});

describe('sending through Resend', () => {
  it('sends the confirmation mail with from, to, subject, HTML and text, then forgets the body', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    expect(await drainOutbox()).toMatchObject({ sent: 1 });

    const [request] = fake.requests;
    expect(request.path).toBe('/emails');
    expect(request.authorization).toBe('Bearer re_test_integration');
    expect(request.idempotencyKey).toMatch(/^outbox-batch-/);
    const [email] = fake.emails();
    expect(email).toMatchObject({ from: 'Undersigned <letters@undersigned.test>', to: [input.email] });
    expect(email.subject).toBe(`Confirm your signature: ${campaign.title}`);
    expect(email.html).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}/);
    expect(email.text).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}/);

    const [row] = await mailsTo(input.email);
    expect(row).toMatchObject({ status: 'sent', transport: 'resend', html: null, text: null, attempts: 1 });
    expect(row.providerMessageId).toBe(email.id);
  });

  it('sends many waiting mails as one batch request', async () => {
    const { campaign } = await createPublishedCampaign();
    for (let i = 0; i < 7; i++) await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    expect(await drainOutbox()).toMatchObject({ sent: 7 });
    expect(fake.requests.map((r) => r.path)).toEqual(['/emails/batch']);
    expect(fake.emails()).toHaveLength(7);
  });

  it('waits as long as a 429 says, then sends; nothing is lost or doubled', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    fake.failNext(429, { 'retry-after': '3' });
    const first = await drainOutbox();
    expect(first).toMatchObject({ sent: 0, deferred: 1, waitMs: 3000 });
    const db = await getDb();
    const [waiting] = await db
      .select({ status: outboxBatches.status, attempts: outboxBatches.attempts, inSeconds: sql<number>`extract(epoch from ${outboxBatches.nextAttemptAt} - now())` })
      .from(outboxBatches);
    expect(waiting.status).toBe('pending');
    // Being rate limited is not a failure of the mail: it uses up no attempt.
    expect(waiting.attempts).toBe(0);
    expect(Number(waiting.inSeconds)).toBeGreaterThan(1.5);
    expect(await drainOutbox()).toMatchObject({ sent: 0, deferred: 0 });

    await makeAllDue();
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    expect(fake.emails().filter((e) => e.to.includes(input.email))).toHaveLength(1);
  });

  it('retries after a server error with back-off', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    fake.failNext(500);
    expect(await drainOutbox()).toMatchObject({ sent: 0, failed: 0, deferred: 1 });
    const [row] = await mailsTo(input.email);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '500 application_error' });
    await makeAllDue();
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
  });

  it('gives up on a mail the provider refuses, and records why', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    fake.failNext(422);
    expect(await drainOutbox()).toMatchObject({ failed: 1 });
    const [row] = await mailsTo(input.email);
    expect(row).toMatchObject({ status: 'failed', lastError: '422 validation_error' });
  });

  it('sends the rest of a batch one by one when the batch is refused', async () => {
    const { campaign } = await createPublishedCampaign();
    for (let i = 0; i < 3; i++) await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    fake.failNext(422);
    expect(await drainOutbox()).toMatchObject({ sent: 3 });
    expect(fake.emails()).toHaveLength(3);
  });

  it('never sends a mail twice when two senders drain at once', async () => {
    const { campaign } = await createPublishedCampaign();
    for (let i = 0; i < 20; i++) await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    const results = await Promise.all([drainOutbox(), drainOutbox(), drainOutbox()]);
    let total = results.reduce((n, r) => n + r.sent, 0);
    while (total < 20) total += (await drainOutbox()).sent;
    expect(fake.emails()).toHaveLength(20);
    expect(new Set(fake.emails().map((e) => e.to[0])).size).toBe(20);
  });
});

describe('retention', () => {
  it('deletes sent mail older than 30 days and keeps what is recent or still waiting', async () => {
    const { campaign } = await createPublishedCampaign();
    const inputs = [signInput(), signInput(), signInput()];
    for (const input of inputs) await signCampaign(campaign.slug, input, { locale: 'en' });
    await drainOutbox();
    await signCampaign(campaign.slug, signInput({ email: 'waiting@example.org' }), { locale: 'en' });
    const db = await getDb();
    await db.update(outbox).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(outbox.toAddress, inputs[0].email));
    await db.update(outbox).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(outbox.toAddress, 'waiting@example.org'));
    expect(await purgeOutbox()).toBe(1);
    expect(await mailsTo(inputs[0].email)).toHaveLength(0);
    expect(await mailsTo(inputs[1].email)).toHaveLength(1);
    expect(await mailsTo('waiting@example.org')).toHaveLength(1);
  });
});

describe('without RESEND_API_KEY', () => {
  it('keeps mail readable in the dev mailbox instead of skipping it', async () => {
    useResend(false);
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    expect(fake.requests).toHaveLength(0);
    const [mail] = (await listDevMailbox()).filter((m) => m.to === input.email);
    expect(mail).toMatchObject({ kind: 'confirm-signature', status: 'sent' });
    expect(mail.html).toMatch(/\/confirm\//);
    const db = await getDb();
    const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, input.email));
    expect(row.transport).toBe('dev-mailbox');
  });
});
