import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { getDb, migrateDatabase } from '@/db/client';
import { deliveryPacketChunks } from '@/db/schema';
import { destroyCampaignKey } from '@/lib/crypto/campaign-keys';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { readPacket } from '@/lib/deliveries/read-packet';
import { createPublishedCampaign, signAndConfirm } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

async function deliveredCampaign() {
  const { caller, campaign } = await createPublishedCampaign();
  await signAndConfirm(campaign.slug, { givenName: 'Zahra', familyName: 'Mousavi', country: 'IR', visibility: 'confidential' });
  const delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', formats: ['csv'] });
  return { caller, campaign, delivery };
}

async function storedChunks(deliveryId: string) {
  const db = await getDb();
  return db.select().from(deliveryPacketChunks).where(eq(deliveryPacketChunks.deliveryId, deliveryId)).orderBy(deliveryPacketChunks.seq);
}

describe('stored delivery packets', () => {
  it('are sealed with the campaign key: the stored bytes are no zip and hold no name, yet download byte for byte', async () => {
    const { caller, campaign, delivery } = await deliveredCampaign();
    const packet = await readPacket(caller, campaign.slug, delivery.id);
    expect(Buffer.from(unzipSync(packet.bytes)['signatories.csv']).toString('utf8')).toContain('Mousavi');

    const chunks = await storedChunks(delivery.id);
    const stored = Buffer.concat(chunks.map((chunk) => chunk.data));
    expect(chunks.every((chunk) => chunk.sealed)).toBe(true);
    expect(stored.subarray(0, 2).toString('latin1')).not.toBe('PK');
    expect(stored.includes('Mousavi')).toBe(false);
    expect(stored.includes('manifest.json')).toBe(false);
  });

  it('stored before sealing are sealed when the database opens, and still download the same', async () => {
    const { caller, campaign, delivery } = await deliveredCampaign();
    const before = await readPacket(caller, campaign.slug, delivery.id);
    const db = await getDb();
    // As an install upgraded from before: the packet in plaintext chunks.
    await db.delete(deliveryPacketChunks).where(eq(deliveryPacketChunks.deliveryId, delivery.id));
    await db.insert(deliveryPacketChunks).values({ deliveryId: delivery.id, seq: 0, data: before.bytes, sealed: false });

    await migrateDatabase({ db, kind: process.env.DATABASE_URL ? 'postgres' : 'pglite', close: async () => {} });

    const [chunk] = await storedChunks(delivery.id);
    expect(chunk.sealed).toBe(true);
    expect(Buffer.from(chunk.data).includes('manifest.json')).toBe(false);
    const after = await readPacket(caller, campaign.slug, delivery.id);
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
  });

  it('can no longer be read once the campaign key is destroyed', async () => {
    const { caller, campaign, delivery } = await deliveredCampaign();
    await destroyCampaignKey(await getDb(), campaign.id);
    await expect(readPacket(caller, campaign.slug, delivery.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
