import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { campaigns, signatures } from '@/db/schema';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { findCampaignKey } from '@/lib/crypto/campaign-keys';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { findReceiptDeliveries } from '@/lib/deliveries/find-receipt-deliveries';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { readPacket } from '@/lib/deliveries/read-packet';
import { applyRetention } from '@/lib/privacy/apply-retention';
import { getRetention } from '@/lib/privacy/get-retention';
import { setRetention } from '@/lib/privacy/set-retention';
import { listPublicSignersBySlug } from '@/lib/signatures/list-public-signers';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { createOrganiser, createPublishedCampaign, publicCount, signAndConfirm, signInput } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {}, revalidatePath: () => {} }));

withTestDatabase();

const MONTH_MS = 31 * 24 * 3600 * 1000;

async function closedLetterWithSigners() {
  const { caller, campaign } = await createPublishedCampaign();
  const named = await signAndConfirm(campaign.slug, { givenName: 'Farida', familyName: 'Nasser', visibility: 'public' });
  await signAndConfirm(campaign.slug, { givenName: 'Quiet', familyName: 'Witness', visibility: 'confidential' });
  await signCampaign(campaign.slug, signInput(), { locale: 'en' });
  const delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', formats: ['csv'] });
  await updateCampaign(caller, campaign.slug, { status: 'closed' });
  return { caller, campaign, named, delivery };
}

describe('the retention policy', () => {
  it('erases signers’ personal data when due, keeping counts, the timeline and receipts', async () => {
    const { caller, campaign, named, delivery } = await closedLetterWithSigners();
    const retention = await getRetention(caller, campaign.slug);
    expect(retention.months).toBe(6);
    expect(retention.dueAt!.getTime()).toBeGreaterThan(Date.now() + 5 * MONTH_MS);
    expect(await publicCount(campaign.slug)).toBe(2);

    // Not due yet: nothing changes.
    await applyRetention();
    expect((await listPublicSignersBySlug(campaign.slug)).map((signer) => signer.name)).toEqual(['Farida Nasser']);

    // Seven months later, it is.
    await applyRetention(new Date(Date.now() + 7 * MONTH_MS));
    const db = await getDb();
    const rows = await db.select().from(signatures).where(eq(signatures.campaignId, campaign.id));
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.pii === null && row.emailIndex === null && row.status === 'confirmed')).toBe(true);
    expect(await findCampaignKey(db, campaign.id)).toBeNull();
    expect(await listPublicSignersBySlug(campaign.slug)).toEqual([]);
    expect(await publicCount(campaign.slug)).toBe(2);
    expect((await getPublicCampaign(campaign.slug))!.signatureCount).toBe(2);
    await expect(readPacket(caller, campaign.slug, delivery.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await listPublicDeliveries(campaign.slug)).toMatchObject([{ id: delivery.id, manifestSha256: delivery.manifestSha256, signatureCount: 2 }]);
    // A signer's receipt still proves their signature was in the delivery.
    expect((await findReceiptDeliveries({ receipt: named.receipt })).deliveries).toMatchObject([{ id: delivery.id }]);
    expect((await getRetention(caller, campaign.slug)).erasedAt).not.toBeNull();
    // Running again finds nothing left to do.
    expect(await applyRetention(new Date(Date.now() + 7 * MONTH_MS))).toBe(0);
  });

  it('follows the organiser’s months, between 0 and 24, and refuses anything else with a field error', async () => {
    const { caller, campaign } = await closedLetterWithSigners();
    const six = (await getRetention(caller, campaign.slug)).dueAt!;
    const twentyFour = await setRetention(caller, campaign.slug, { months: 24 });
    expect(twentyFour.dueAt!.getTime() - six.getTime()).toBeGreaterThan(17 * 30 * 24 * 3600 * 1000);
    await expect(setRetention(caller, campaign.slug, { months: 25 })).rejects.toMatchObject({ code: 'validation', fields: { months: [expect.stringContaining('24')] } });
    await expect(setRetention(caller, campaign.slug, { months: -1 })).rejects.toMatchObject({ code: 'validation' });
    await expect(setRetention(caller, campaign.slug, { months: 'soon' })).rejects.toMatchObject({ code: 'validation' });
    await expect(setRetention(await createOrganiser(), campaign.slug, { months: 1 })).rejects.toMatchObject({ code: 'not_found' });

    // Extended, it is not due after seven months; shortened to none, it is due once the day of the
    // last delivery is over.
    await applyRetention(new Date(Date.now() + 7 * MONTH_MS));
    expect((await listPublicSignersBySlug(campaign.slug)).length).toBe(1);
    await setRetention(caller, campaign.slug, { months: 0 });
    await applyRetention(new Date(Date.now() + 2 * 24 * 3600 * 1000));
    expect(await listPublicSignersBySlug(campaign.slug)).toEqual([]);
  });

  it('has no date while the letter takes signatures', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    expect((await getRetention(caller, campaign.slug)).dueAt).toBeNull();
    const db = await getDb();
    await db.update(campaigns).set({ closedAt: sql`now()` }).where(eq(campaigns.id, campaign.id));
    await signAndConfirm(campaign.slug, { givenName: 'Still', familyName: 'Signing' });
    await applyRetention(new Date(Date.now() + 30 * MONTH_MS));
    expect((await listPublicSignersBySlug(campaign.slug)).map((signer) => signer.name)).toEqual(['Still Signing']);
    expect((await getRetention(caller, campaign.slug)).erasedAt).toBeNull();
  });
});
