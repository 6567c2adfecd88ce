import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { getDb, resultRows } from '@/db/client';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { createPublishedCampaign, signAndConfirm } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

// Needs a second connection, so PostgreSQL only (DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).
describe.skipIf(!process.env.DATABASE_URL)('a withdrawal racing a delivery', () => {
  // withdrawSignature marks delivery_signatures before it commits; createDelivery marks rows whose
  // signature is gone just before it commits. A withdrawal whose update runs before the delivery's
  // rows are committed, and which commits after the delivery's check, is marked by neither.
  it.fails('is still counted in withdrawnSince', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const signer = await signAndConfirm(campaign.slug);
    await signAndConfirm(campaign.slug);
    const db = await getDb();
    const [{ name }] = resultRows<{ name: string }>(await db.execute(sql`select current_database() as name`));
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const other = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      let delivery: Awaited<ReturnType<typeof createDelivery>> | undefined;
      await other.begin(async (tx) => {
        // The withdrawal's statements, as withdrawSignature runs them, before its commit.
        await tx`delete from signatures where id = ${signer.id}::uuid`;
        await tx`update delivery_signatures set withdrawn_at = now() where signature_id = ${signer.id}::uuid`;
        delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv'] });
      });
      expect(delivery!.counts.total).toBe(2);
      const [timeline] = await listPublicDeliveries(campaign.slug);
      expect(timeline.withdrawnSince).toBe(1);
    } finally {
      await other.end();
    }
  });
});
