import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { campaignKeys, campaigns, deliveries, outbox, signatures, workspaceMembers } from '@/db/schema';
import { deleteCampaign } from '@/lib/campaigns/delete-campaign';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { findCampaignKey, getCampaignKey } from '@/lib/crypto/campaign-keys';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { createOrganiser, createPublishedCampaign, signAndConfirm, signInput } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {}, revalidatePath: () => {} }));

withTestDatabase();

describe('deleting a letter', () => {
  it('removes it with its signatures, deliveries and waiting mail, and destroys its key', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug, { visibility: 'confidential' });
    await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', formats: ['csv'] });
    await getCampaignKey(campaign.id);

    await expect(deleteCampaign(caller, campaign.slug, { confirm: 'not-the-slug' })).rejects.toMatchObject({ code: 'validation', fields: { confirm: [expect.stringContaining(campaign.slug)] } });
    await expect(deleteCampaign(await createOrganiser(), campaign.slug, { confirm: campaign.slug })).rejects.toMatchObject({ code: 'not_found' });
    expect(await getPublicCampaign(campaign.slug)).toBeTruthy();

    await expect(deleteCampaign(caller, campaign.slug, { confirm: campaign.slug })).resolves.toEqual({ deleted: true });

    const db = await getDb();
    expect(await getPublicCampaign(campaign.slug)).toBeFalsy();
    expect(await db.select().from(campaigns).where(eq(campaigns.id, campaign.id))).toHaveLength(0);
    expect(await db.select().from(signatures).where(eq(signatures.campaignId, campaign.id))).toHaveLength(0);
    expect(await db.select().from(deliveries).where(eq(deliveries.campaignId, campaign.id))).toHaveLength(0);
    expect(await db.select().from(outbox).where(eq(outbox.campaignId, campaign.id))).toHaveLength(0);
    expect(await db.select().from(campaignKeys).where(eq(campaignKeys.campaignId, campaign.id))).toHaveLength(0);
    // Gone from this process's memory too, not only from the table.
    expect(await findCampaignKey(db, campaign.id)).toBeNull();
  });

  it('is for the letter’s owners: an editor of the letter gets the same 404 as a stranger', async () => {
    const { campaign } = await createPublishedCampaign();
    const editor = await createOrganiser();
    await (await getDb()).insert(workspaceMembers).values({ workspaceId: campaign.workspaceId, userId: editor.userId, role: 'editor' });
    await expect(deleteCampaign(editor, campaign.slug, { confirm: campaign.slug })).rejects.toMatchObject({ code: 'not_found' });
    expect(await getPublicCampaign(campaign.slug)).toBeTruthy();
  });
});
