import { createHash, createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { outbox, outboxBatches, signatures } from '@/db/schema';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { resetEnv } from '@/lib/env';
import { drainOutbox, MAX_BACKOFF_SECONDS } from '@/lib/mail/drain-outbox';
import { getMailHealth, retryFailedMail } from '@/lib/mail/mail-health';
import { recordDeliveryEvent } from '@/lib/mail/record-delivery-event';
import { startWorker } from '@/lib/worker/start-worker';
import { purgeOutbox } from '@/lib/mail/purge-outbox';
import { listDevMailbox } from '@/lib/mail/read-dev-mailbox';
import { resetTransport } from '@/lib/mail/transport';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { createOrganiser, createPublishedCampaign, mailsTo, signInput } from '../helpers/fixtures';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { findSigner, signatureIdOf } from '../helpers/signers';
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

  it('keeps a receipt only until Resend has accepted its mail: then no row holds it', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const token = (await mailsTo(input.email))[0].html!.match(/\/confirm\/([A-Za-z0-9_-]{43})/)![1];
    const { receipt } = await confirmSignature(token);
    expect(JSON.stringify(await mailsTo(input.email))).toContain(receipt!);
    while ((await drainOutbox()).sent > 0);
    expect(fake.emails().some((e) => e.text?.includes(`/verify#receipt=${receipt}`))).toBe(true);
    const everything = JSON.stringify([await mailsTo(input.email), await findSigner(input.email)]);
    expect(everything).not.toContain(receipt!);
  });

  it('sends a delivery alone, with the packet’s files attached, while the mail around it is batched', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    const delivery = await createDelivery(caller, campaign.slug, {
      addressee: { name: 'Office of the Special Rapporteur', email: 'delivered@resend.dev' },
      channel: 'email',
      formats: ['pdf', 'csv'],
      send: true,
    });
    await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    while ((await drainOutbox()).sent > 0);
    const alone = fake.requests.find((r) => r.path === '/emails' && JSON.stringify(r.body).includes('delivered@resend.dev'));
    const body = alone!.body as { to: string[]; attachments: { filename: string; content: string }[]; text: string };
    expect(body.attachments.map((a) => a.filename).sort()).toEqual(['commitments.json', 'letter.pdf', 'manifest.json', 'signatories.csv']);
    const manifest = Buffer.from(body.attachments.find((a) => a.filename === 'manifest.json')!.content, 'base64');
    expect(createHash('sha256').update(manifest).digest('hex')).toBe(delivery.manifestSha256);
    expect(body.text).toContain(delivery.manifestSha256);
    // The signers' confirmation mails went out too, in requests of their own without attachments.
    expect(fake.emails().filter((e) => e.to[0] !== 'delivered@resend.dev')).toHaveLength(2);
    expect(fake.requests.filter((r) => r !== alone && JSON.stringify(r.body).includes('attachments'))).toEqual([]);
    const [row] = (await mailsTo('delivered@resend.dev')).filter((m) => m.kind === 'delivery');
    expect(row.status).toBe('sent');
  });

  it('sends a delivery once Resend is back, attachments and all, when it was down at first', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    while ((await drainOutbox()).sent > 0);
    fake.clear();
    await createDelivery(caller, campaign.slug, { addressee: { name: 'Office of the Special Rapporteur', email: 'delivered@resend.dev' }, channel: 'email', formats: ['csv'], send: true });
    fake.failNext(500);
    expect(await drainOutbox()).toMatchObject({ sent: 0 });
    await makeAllDue();
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    const sent = fake.requests.filter((r) => r.path === '/emails' && r.status === 200);
    expect(sent).toHaveLength(1);
    expect((sent[0].body as { attachments: { filename: string }[] }).attachments.map((a) => a.filename).sort()).toEqual(['commitments.json', 'manifest.json', 'signatories.csv']);
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
    await db.update(outbox).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(outbox.addressHash, mailAddressHash(inputs[0].email)));
    await db.update(outbox).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(outbox.addressHash, mailAddressHash('waiting@example.org')));
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
    const [row] = await db.select().from(outbox).where(eq(outbox.addressHash, mailAddressHash(input.email)));
    expect(row.transport).toBe('dev-mailbox');
  });
});

describe('provider faults: every mail arrives exactly once', () => {
  async function signMany(n: number) {
    const { campaign } = await createPublishedCampaign();
    const inputs = Array.from({ length: n }, () => signInput());
    for (const input of inputs) await signCampaign(campaign.slug, input, { locale: 'en' });
    return inputs;
  }

  function deliveredTo(address: string) {
    return fake.emails().filter((e) => e.to.includes(address)).length;
  }

  it('a long rate-limit episode uses up no attempts and loses nothing', async () => {
    const inputs = await signMany(3);
    fake.outage(Date.now() + 60_000, 429, { 'retry-after': '2' });
    // Far more 429s than MAX_ATTEMPTS allowed before: none of them counts against the mail.
    for (let i = 0; i < 25; i++) {
      expect(await drainOutbox()).toMatchObject({ sent: 0, failed: 0, deferred: 3, waitMs: 2000 });
      await makeAllDue();
    }
    const batch = await batchOf(inputs[0].email);
    expect(batch).toMatchObject({ status: 'pending', attempts: 0 });
    fake.outage(0, 500);
    expect(await drainOutbox()).toMatchObject({ sent: 3 });
    for (const input of inputs) expect(deliveredTo(input.email)).toBe(1);
  });

  it('keeps retrying at least once a minute while the provider is down, and gives up only after MAIL_GIVE_UP_HOURS', async () => {
    const [input] = await signMany(1);
    fake.outage(Date.now() + 60_000, 500);
    for (let i = 0; i < 30; i++) {
      expect(await drainOutbox()).toMatchObject({ deferred: 1, failed: 0 });
      const batch = await batchOf(input.email);
      const waitSeconds = (batch.nextAttemptAt.getTime() - Date.now()) / 1000;
      expect(waitSeconds).toBeLessThanOrEqual(MAX_BACKOFF_SECONDS + 1);
      await makeAllDue();
    }
    expect(await batchOf(input.email)).toMatchObject({ status: 'pending', attempts: 30 });
    const db = await getDb();
    await db.update(outboxBatches).set({ createdAt: sql`now() - interval '25 hours'` });
    expect(await drainOutbox()).toMatchObject({ failed: 1 });
    const [row] = await mailsTo(input.email);
    expect(row).toMatchObject({ status: 'failed', lastError: '500 application_error' });
  });

  it('aborts a hanging request at the timeout and sends the mail once the provider answers again', async () => {
    process.env.MAIL_TIMEOUT_MS = '300';
    resetEnv();
    try {
      const [input] = await signMany(1);
      fake.faultNext('hang');
      const started = Date.now();
      expect(await drainOutbox()).toMatchObject({ sent: 0, deferred: 1 });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await mailsTo(input.email))[0].lastError).toBe('- timeout');
      await makeAllDue();
      expect(await drainOutbox()).toMatchObject({ sent: 1 });
      expect(deliveredTo(input.email)).toBe(1);
    } finally {
      delete process.env.MAIL_TIMEOUT_MS;
      resetEnv();
    }
  });

  it('never sends twice when the provider accepted a batch but its answer was lost', async () => {
    const first = await signMany(4);
    fake.faultNext('drop');
    expect(await drainOutbox()).toMatchObject({ sent: 0, deferred: 4 });
    expect(fake.emails()).toHaveLength(4);
    // New mail arrives meanwhile: it must not join the batch being retried.
    const later = await signMany(2);
    await makeAllDue();
    let sent = 0;
    for (let i = 0; i < 3; i++) sent += (await drainOutbox()).sent;
    expect(sent).toBe(6);
    const batchRequests = fake.requests.filter((r) => r.path === '/emails/batch');
    expect(batchRequests[1].idempotencyKey).toBe(batchRequests[0].idempotencyKey);
    expect(batchRequests[1].replayed).toBe(true);
    for (const input of [...first, ...later]) expect(deliveredTo(input.email)).toBe(1);
    for (const input of first) expect((await mailsTo(input.email))[0].status).toBe('sent');
  });

  it('after an outage of 500s, then 429s, then a hang, the background sender delivers every mail exactly once within 15 s of recovery', async () => {
    process.env.MAIL_TIMEOUT_MS = '500';
    resetEnv();
    const stop = startWorker();
    try {
      const inputs = await signMany(30);
      // Compressed in time: 1.5 s of 500s, 1.5 s of 429s, 1.5 s of hanging, then recovery.
      const t0 = Date.now();
      fake.outage(t0 + 1_500, 500);
      await new Promise((r) => setTimeout(r, 1_500));
      fake.outage(Date.now() + 1_500, 429, { 'retry-after': '1' });
      await new Promise((r) => setTimeout(r, 1_500));
      fake.outage(Date.now() + 1_500, 'hang');
      await new Promise((r) => setTimeout(r, 1_500));
      const recovered = Date.now();
      await expect.poll(() => fake.emails().length, { timeout: 15_000, interval: 200 }).toBe(30);
      expect(Date.now() - recovered).toBeLessThan(15_000);
      for (const input of inputs) expect(deliveredTo(input.email)).toBe(1);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(fake.emails()).toHaveLength(30);
    } finally {
      stop();
      delete process.env.MAIL_TIMEOUT_MS;
      resetEnv();
    }
  });
});

describe('delivery events from Resend webhooks', () => {
  const secretBytes = Buffer.from('undersigned-test-webhook-secret!');
  const secret = `whsec_${secretBytes.toString('base64')}`;

  function signed(payload: unknown, key = secretBytes) {
    const body = JSON.stringify(payload);
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    return { body, id, timestamp, signature: `v1,${signature}` };
  }

  beforeEach(() => {
    process.env.RESEND_WEBHOOK_SECRET = secret;
    resetEnv();
  });
  afterAll(() => {
    delete process.env.RESEND_WEBHOOK_SECRET;
    resetEnv();
  });

  it('records a bounce, never mails that address again, and shows it per letter', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const input = signInput({ email: `bounce-${Date.now()}@example.org` });
    await signCampaign(campaign.slug, input, { locale: 'en' });
    await drainOutbox();
    const [sent] = await mailsTo(input.email);
    const event = { type: 'email.bounced', created_at: new Date().toISOString(), data: { email_id: sent.providerMessageId, to: [input.email], bounce: { type: 'Permanent' } } };
    expect(await recordDeliveryEvent(signed(event))).toEqual({ recorded: true });
    expect((await mailsTo(input.email))[0].deliveryStatus).toBe('bounced');

    // Signing again would mail the address: the mail is recorded as suppressed, never sent.
    const signatureId = await signatureIdOf(input.email);
    await getDb().then((db) => db.update(signatures).set({ lastMailedAt: null }).where(eq(signatures.id, signatureId)));
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const before = fake.emails().length;
    expect(await drainOutbox()).toMatchObject({ suppressed: 1, sent: 0 });
    expect(fake.emails()).toHaveLength(before);
    expect((await mailsTo(input.email)).map((m) => m.status)).toEqual(['sent', 'suppressed']);

    const health = await getMailHealth(caller, campaign.slug);
    expect(health).toMatchObject({ bounced: 1, suppressed: 1 });
  });

  it('refuses a payload whose signature does not match, and changes nothing', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    await drainOutbox();
    const [sent] = await mailsTo(input.email);
    const forged = signed({ type: 'email.complained', data: { email_id: sent.providerMessageId, to: [input.email] } }, Buffer.from('not-the-secret-not-the-secret!!!'));
    await expect(recordDeliveryEvent(forged)).rejects.toMatchObject({ code: 'bad_request' });
    expect((await mailsTo(input.email))[0].deliveryStatus).toBeNull();
  });

  it('lets organisers retry mail that was given up on', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    fake.failNext(422);
    expect(await drainOutbox()).toMatchObject({ failed: 1 });
    expect(await getMailHealth(caller, campaign.slug)).toMatchObject({ failed: 1 });
    expect(await retryFailedMail(caller, campaign.slug)).toBe(1);
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    expect(deliveredTo(input.email)).toBe(1);
    const stranger = await createOrganiser();
    await expect(retryFailedMail(stranger, campaign.slug)).rejects.toMatchObject({ code: 'not_found' });
  });

  function deliveredTo(address: string) {
    return fake.emails().filter((e) => e.to.includes(address)).length;
  }
});
