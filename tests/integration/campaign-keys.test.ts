import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { campaignKeys } from '@/db/schema';
import { destroyCampaignKey, findCampaignKey, forgetCampaignKeys, getCampaignKey, MissingKeyError } from '@/lib/crypto/campaign-keys';
import { masterKeyId } from '@/lib/crypto/master-key';
import { rotateMasterKey } from '@/lib/crypto/rotate-master-key';
import { openBytes, sealBytes } from '@/lib/crypto/seal';
import { resetEnv } from '@/lib/env';
import { createPublishedCampaign } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const original = process.env.DATA_ENCRYPTION_KEY!;
afterEach(() => {
  process.env.DATA_ENCRYPTION_KEY = original;
  delete process.env.DATA_ENCRYPTION_KEY_PREVIOUS;
  resetEnv();
  forgetCampaignKeys();
});

describe('campaign keys', () => {
  it('are stored only wrapped, and the same key comes back after the process forgets it', async () => {
    const { campaign } = await createPublishedCampaign();
    const key = await getCampaignKey(campaign.id);
    const sealed = sealBytes(key.dataKey, 'signer', campaign.id, 'Amina Haddad');
    const [row] = await (await getDb()).select().from(campaignKeys).where(eq(campaignKeys.campaignId, campaign.id));
    expect(Buffer.from(row.wrappedKey).includes(key.dataKey)).toBe(false);
    forgetCampaignKeys();
    const again = await getCampaignKey(campaign.id);
    expect(openBytes(again.dataKey, 'signer', campaign.id, sealed).toString()).toBe('Amina Haddad');
  });

  it('are re-wrapped by a rotation while the data stays readable, before, during and after', async () => {
    const { campaign } = await createPublishedCampaign();
    const key = await getCampaignKey(campaign.id);
    const sealed = sealBytes(key.dataKey, 'signer', campaign.id, 'Amina Haddad');
    const next = randomBytes(32).toString('base64');

    // The app restarted with the new key and the old one beside it: both still open the data.
    process.env.DATA_ENCRYPTION_KEY = next;
    process.env.DATA_ENCRYPTION_KEY_PREVIOUS = original;
    resetEnv();
    forgetCampaignKeys();
    expect(openBytes((await getCampaignKey(campaign.id)).dataKey, 'signer', campaign.id, sealed).toString()).toBe('Amina Haddad');

    const result = await rotateMasterKey(await getDb());
    expect(result.rewrapped).toBeGreaterThanOrEqual(1);
    expect(result.remaining).toBe(0);
    const [row] = await (await getDb()).select().from(campaignKeys).where(eq(campaignKeys.campaignId, campaign.id));
    expect(row.masterKeyId).toBe(masterKeyId(Buffer.from(next, 'base64')));

    // The old master key is retired: the data opens with the new one alone.
    delete process.env.DATA_ENCRYPTION_KEY_PREVIOUS;
    resetEnv();
    forgetCampaignKeys();
    expect(openBytes((await getCampaignKey(campaign.id)).dataKey, 'signer', campaign.id, sealed).toString()).toBe('Amina Haddad');

    // A process still holding only the retired key cannot open anything.
    process.env.DATA_ENCRYPTION_KEY = original;
    resetEnv();
    forgetCampaignKeys();
    await expect(getCampaignKey(campaign.id)).rejects.toThrow(MissingKeyError);
  });

  it('once destroyed, are gone for good: nothing re-creates them on read', async () => {
    const { campaign } = await createPublishedCampaign();
    await getCampaignKey(campaign.id);
    await destroyCampaignKey(await getDb(), campaign.id);
    expect(await findCampaignKey(await getDb(), campaign.id)).toBeNull();
  });
});
