import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { getDb, resultRows } from '@/db/client';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { DELIVERY_LOCK } from '@/lib/deliveries/delivery-lock';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { createPublishedCampaign, signAndConfirm } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

// The race needs a second connection committing while the first waits on a lock; PGlite has one
// connection, on which this would deadlock. CI runs it in its PostgreSQL pass.
// Reason: PostgreSQL only (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test).
describe.skipIf(!process.env.DATABASE_URL)('a withdrawal racing a delivery', () => {
  // The withdrawal deletes the signature and marks past deliveries in one transaction; the delivery
  // stores its rows and marks signatures already gone in another. Whatever the interleaving, every
  // delivered signature that no longer exists must be counted in withdrawnSince.
  it('is counted in withdrawnSince when the withdrawal commits while the delivery waits to store', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const signer = await signAndConfirm(campaign.slug);
    await signAndConfirm(campaign.slug);
    const db = await getDb();
    const [{ name }] = resultRows<{ name: string }>(await db.execute(sql`select current_database() as name`));
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const other = postgres(url.toString(), { max: 2, onnotice: () => {} });
    try {
      let delivering: Promise<Awaited<ReturnType<typeof createDelivery>>> | undefined;
      await other.begin(async (tx) => {
        // The withdrawal's statements, as withdrawSignature runs them, before its commit.
        await tx`delete from signatures where id = ${signer.id}::uuid`;
        await tx`select pg_advisory_xact_lock_shared(${DELIVERY_LOCK}, hashtext(${campaign.id}))`;
        await tx`update delivery_signatures set withdrawn_at = now() where signature_id = ${signer.id}::uuid`;
        delivering = createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv'] });
        // Commit only once the delivery, its packet built with the signature still there, waits for the lock.
        for (let waited = 0; waited < 200; waited++) {
          const [waiting] = await other`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`;
          if (waiting.n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
      const delivery = await delivering!;
      const [timeline] = await listPublicDeliveries(campaign.slug);
      const [gone] = resultRows<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from delivery_signatures ds
          where ds.delivery_id = ${delivery.id}::uuid and not exists (select 1 from signatures s where s.id = ds.signature_id)`),
      );
      expect(delivery.counts.total).toBe(2);
      expect(Number(gone.n)).toBe(1);
      expect(timeline.withdrawnSince).toBe(1);
    } finally {
      await other.end();
    }
  });
});
