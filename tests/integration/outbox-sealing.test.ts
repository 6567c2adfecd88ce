import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, migrateDatabase } from '@/db/client';
import { outbox } from '@/db/schema';
import { resetEnv } from '@/lib/env';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { resetTransport } from '@/lib/mail/transport';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { createPublishedCampaign, mailsTo, signInput } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_API_KEY = 're_test_integration';
  process.env.RESEND_BASE_URL = fake.url;
  resetEnv();
  resetTransport();
});
afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  resetEnv();
  resetTransport();
  await fake.close();
});

/** Every byte of a stored row, as text in the two ways a dump could show it. */
function rowText(row: Record<string, unknown>): string {
  return Object.values(row)
    .map((value) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') + Buffer.from(value).toString('utf8') : JSON.stringify(value)))
    .join('\n');
}

describe('the outbox', () => {
  it('holds a waiting mail encrypted, and only its address hash once Resend has it', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput({ email: 'nasrin.waiting@example.org', givenName: 'Nasrin', familyName: 'Tehrani' });
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const db = await getDb();

    const [waiting] = await db.select().from(outbox).where(eq(outbox.campaignId, campaign.id));
    expect(waiting.status).toBe('pending');
    expect(waiting.sealed).not.toBeNull();
    const stored = rowText(waiting).toLowerCase();
    expect(stored).not.toContain('nasrin');
    expect(stored).not.toContain('example.org');
    expect(stored).not.toContain('/confirm/');
    // The sender still reads the address and the link.
    expect((await mailsTo(input.email))[0].html).toMatch(/\/confirm\//);

    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    expect(fake.emails()[0].to).toEqual([input.email]);
    const [sent] = await db.select().from(outbox).where(eq(outbox.campaignId, campaign.id));
    expect(sent).toMatchObject({ status: 'sent', sealed: null, toAddress: null, html: null, text: null });
    expect(sent.addressHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('seals mail written before sealing existed when the database is opened', async () => {
    const { campaign } = await createPublishedCampaign();
    const db = await getDb();
    const [legacy] = await db
      .insert(outbox)
      .values({ kind: 'confirm-signature', campaignId: campaign.id, toAddress: 'old.row@example.org', fromAddress: 'x@undersigned.test', subject: 'Confirm', html: '<a href="/confirm/abc">x</a>', text: '/confirm/abc' })
      .returning();
    const [legacySent] = await db
      .insert(outbox)
      .values({ kind: 'already-signed', campaignId: campaign.id, toAddress: 'old.sent@example.org', fromAddress: 'x@undersigned.test', subject: 'Signed', status: 'sent' })
      .returning();

    await migrateDatabase({ db, kind: process.env.DATABASE_URL ? 'postgres' : 'pglite', close: async () => {} });

    const [sealed] = await db.select().from(outbox).where(eq(outbox.id, legacy.id));
    expect(sealed).toMatchObject({ toAddress: null, html: null, text: null });
    expect(rowText(sealed)).not.toContain('old.row');
    expect((await mailsTo('old.row@example.org'))[0]).toMatchObject({ toAddress: 'old.row@example.org', text: '/confirm/abc' });
    const [hashed] = await db.select().from(outbox).where(eq(outbox.id, legacySent.id));
    expect(hashed).toMatchObject({ toAddress: null, sealed: null });
    expect(await mailsTo('old.sent@example.org')).toHaveLength(1);
  });
});
