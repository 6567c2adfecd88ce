import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db/client';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { readPacket } from '@/lib/deliveries/read-packet';
import { createPublishedCampaign, signAndConfirm } from '../helpers/fixtures';
import { openScratchDatabase, type Scratch } from '../helpers/scratch-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

// A database on disk (PGlite in a folder) or on the server, closed and opened again as a restart would.
let scratch: Scratch;
let folder: string | undefined;
beforeAll(async () => {
  if (!process.env.DATABASE_URL) folder = await mkdtemp(path.join(os.tmpdir(), 'undersigned-restart-'));
  scratch = await openScratchDatabase({ serverUrl: process.env.DATABASE_URL, pgliteDir: folder });
  setDatabase(scratch.handle);
});
afterAll(async () => {
  setDatabase(undefined);
  await scratch.dispose();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a delivery after a restart', () => {
  it('downloads byte for byte and keeps its place on the timeline', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug, { givenName: 'Nadia', familyName: 'Karimi', country: 'AF' });
    await signAndConfirm(campaign.slug, { givenName: 'Tomás', familyName: 'Reyes', country: 'CO', visibility: 'confidential' });
    const delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', formats: ['pdf', 'xlsx', 'csv'] });
    const before = await readPacket(caller, campaign.slug, delivery.id);

    setDatabase(await scratch.reopen());

    const after = await readPacket(caller, campaign.slug, delivery.id);
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
    expect(after.sha256).toBe(before.sha256);
    expect(await listPublicDeliveries(campaign.slug)).toMatchObject([{ id: delivery.id, manifestSha256: delivery.manifestSha256, signatureCount: 2 }]);
  });
});
