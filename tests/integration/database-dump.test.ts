import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db/client';
import { SIGNER_KINDS } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { resetEnv } from '@/lib/env';
import { importSignatures } from '@/lib/imports/import-signatures';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { recordDeliveryEvent } from '@/lib/mail/record-delivery-event';
import { resetTransport } from '@/lib/mail/transport';
import { listReviewQueue, reviewSignature } from '@/lib/signatures/review-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { processWithdrawalRequests, requestWithdrawal, withdrawSignature } from '@/lib/signatures/withdraw-signature';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { createPublishedCampaign, mailsTo, signAndConfirm, signInput } from '../helpers/fixtures';
import { openScratchDatabase, type Scratch } from '../helpers/scratch-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {}, revalidatePath: () => {} }));

const run = promisify(execFile);

// A database of its own, on disk for PGlite (its folder is what gets scanned).
let scratch: Scratch;
let folder: string | undefined;
let fake: FakeResend;
const webhookKey = Buffer.from('undersigned-dump-webhook-secret!');
beforeAll(async () => {
  if (!process.env.DATABASE_URL) folder = await mkdtemp(path.join(os.tmpdir(), 'undersigned-dump-'));
  scratch = await openScratchDatabase({ serverUrl: process.env.DATABASE_URL, pgliteDir: folder });
  setDatabase(scratch.handle);
  fake = await startFakeResend();
  process.env.RESEND_API_KEY = 're_test_dump';
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_WEBHOOK_SECRET = `whsec_${webhookKey.toString('base64')}`;
  resetEnv();
  resetTransport();
});
afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_WEBHOOK_SECRET;
  resetEnv();
  resetTransport();
  await fake.close();
  setDatabase(undefined);
  await scratch.dispose().catch(() => {});
  if (folder) await rm(folder, { recursive: true, force: true });
});

function signedWebhook(payload: unknown) {
  const body = JSON.stringify(payload);
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', webhookKey).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { body, id, timestamp, signature: `v1,${signature}` };
}

/** Everything that identifies a signer, which no byte of the database may show. */
const secrets: string[] = [];
function remember<T extends Record<string, unknown>>(input: T, ...fields: string[]): T {
  for (const field of fields) {
    const value = field.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], input);
    if (typeof value === 'string') secrets.push(value);
  }
  return input;
}

async function signRealisticCampaign(): Promise<void> {
  const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...SIGNER_KINDS] } as never);
  const mark = (name: string) => `${name}${Math.random().toString(36).slice(2, 7)}`;

  await signAndConfirm(campaign.slug, remember(signInput({ givenName: mark('Parvaneh'), familyName: mark('Zzpublic'), email: 'parvaneh.public@dump-test.example', visibility: 'public' }), 'givenName', 'familyName', 'email'));
  await signAndConfirm(campaign.slug, remember(signInput({ givenName: mark('Golnar'), familyName: mark('Zzconfidential'), email: 'golnar.confidential@dump-test.example', visibility: 'confidential', title: mark('Mother of a detainee') }), 'givenName', 'familyName', 'email', 'title'));
  await signAndConfirm(campaign.slug, remember(signInput({ givenName: mark('Dariush'), familyName: mark('Zzcounted'), email: 'dariush.counted@dump-test.example', visibility: 'counted' }), 'givenName', 'familyName', 'email'));
  await signAndConfirm(
    campaign.slug,
    remember(
      signInput({
        kind: 'organisation',
        givenName: mark('Soraya'),
        familyName: mark('Zzcontact'),
        email: 'soraya.contact@dump-test.example',
        visibility: 'public',
        affiliation: mark('Zzaffiliation'),
        organisation: { name: mark('Zzorganisation Families Association'), website: 'https://zzorg-dump.example', ecosocStatus: 'none' },
      }),
      'givenName',
      'familyName',
      'email',
      'affiliation',
      'organisation.name',
      'organisation.website',
    ),
  );
  await signAndConfirm(
    campaign.slug,
    remember(
      signInput({ kind: 'group', givenName: mark('Mehri'), familyName: mark('Zzgroupcontact'), email: 'mehri.group@dump-test.example', visibility: undefined, group: { label: mark('Zzgroup Mothers of Evin'), members: 40, relationship: mark('Zzrelatives of the disappeared') } }),
      'givenName',
      'familyName',
      'email',
      'group.label',
      'group.relationship',
    ),
  );
  // Organisations to be named wait for review: approve them, with a reviewer's correction.
  for (const item of await listReviewQueue(caller, campaign.slug)) {
    await reviewSignature(caller, campaign.slug, item.id, { decision: 'approve' });
  }

  // A paper import with a confidential signer and an address.
  const paperName = remember({ given: mark('Zzpaper'), family: mark('Signer'), email: 'paper.signer@dump-test.example' }, 'given', 'family', 'email');
  const imported = await importSignatures(caller as Caller, campaign.slug, {
    provenance: { description: 'Signed on paper at a vigil', collectedBy: 'Field team', collectedOn: '2026-03-08' },
    csv: `given_name,family_name,country,visibility,email\r\n${paperName.given},${paperName.family},IR,confidential,${paperName.email}\r\n`,
  });
  expect(imported.status).toBe('imported');

  // A bounce: the mail to this address bounces for good.
  const bounced = remember(signInput({ givenName: mark('Zzbounce'), familyName: mark('Signer'), email: 'bounced.signer@dump-test.example', visibility: 'confidential' }), 'givenName', 'familyName', 'email');
  await signCampaign(campaign.slug, bounced, { locale: 'en' });
  while ((await drainOutbox()).sent > 0);
  const [sent] = await mailsTo(bounced.email);
  expect(await recordDeliveryEvent(signedWebhook({ type: 'email.bounced', data: { email_id: sent.providerMessageId, to: [bounced.email], bounce: { type: 'Permanent' } } }))).toEqual({ recorded: true });

  // A delivery of every format, then a withdrawal of someone it held.
  await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', formats: ['pdf', 'xlsx', 'csv', 'json'] } as never);
  const leaving = remember(signInput({ givenName: mark('Zzwithdrawn'), familyName: mark('Signer'), email: 'withdrawn.signer@dump-test.example', visibility: 'confidential' }), 'givenName', 'familyName', 'email');
  await signAndConfirm(campaign.slug, leaving);
  await requestWithdrawal(campaign.slug, { email: leaving.email }, { locale: 'en' });
  await processWithdrawalRequests();
  while ((await drainOutbox()).sent > 0);
  const link = fake.emails().filter((mail) => mail.to.includes(leaving.email)).at(-1)?.html?.match(/\/withdraw\/([A-Za-z0-9_-]{43})/);
  expect(await withdrawSignature(link![1])).toBe('withdrawn');
  // And mail still waiting when the copy is taken.
  await signCampaign(campaign.slug, remember(signInput({ givenName: mark('Zzwaiting'), familyName: mark('Signer'), email: 'waiting.signer@dump-test.example' }), 'givenName', 'familyName', 'email'), { locale: 'en' });
}

async function readTree(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await readTree(full)));
    else if (entry.isFile()) out.push(await readFile(full));
  }
  return out;
}

/** A pg_dump as text, with every bytea value decoded to its bytes and appended. */
async function dumpServer(url: string): Promise<Buffer[]> {
  const { stdout } = await run('pg_dump', ['--data-only', '--no-owner', url], { maxBuffer: 512 * 1024 * 1024 });
  const decoded = [...stdout.matchAll(/\\\\x([0-9a-f]+)/g)].map((match) => Buffer.from(match[1], 'hex'));
  return [Buffer.from(stdout, 'utf8'), ...decoded];
}

function findIn(blobs: Buffer[], value: string): boolean {
  const needles = [Buffer.from(value, 'utf8'), Buffer.from(value.toLowerCase(), 'utf8'), Buffer.from(value, 'utf16le')];
  return blobs.some((blob) => needles.some((needle) => blob.includes(needle)));
}

describe('a copy of the database', () => {
  it('shows no signer’s address, name, affiliation, organisation or group details', async () => {
    await signRealisticCampaign();
    expect(secrets.length).toBeGreaterThan(25);
    let blobs: Buffer[];
    if (scratch.url) {
      blobs = await dumpServer(scratch.url);
      // The scan is only worth something if the dump has the data: the letter's counts are there.
      expect(blobs[0].toString('utf8')).toContain('COPY public.signatures');
    } else {
      // Closed first, so everything PGlite holds is in its files (WAL included).
      await scratch.handle.close();
      blobs = await readTree(folder!);
      expect(blobs.reduce((sum, blob) => sum + blob.length, 0)).toBeGreaterThan(1_000_000);
    }
    const found = secrets.filter((secret) => findIn(blobs, secret));
    expect(found).toEqual([]);
  });
});
