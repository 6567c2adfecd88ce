import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { getWithdrawal, processWithdrawalRequests, requestWithdrawal, withdrawSignature } from '@/lib/signatures/withdraw-signature';
import { confirmationTokenFor, createPublishedCampaign, mailsTo, publicCount, signInput } from '../helpers/fixtures';
import { findSigner, signatureIdOf } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

/** A withdrawal request, then the background step that looks it up and mails the link. */
async function requestWithdrawalNow(...args: Parameters<typeof requestWithdrawal>) {
  const answer = await requestWithdrawal(...args);
  await processWithdrawalRequests();
  return answer;
}

async function withdrawTokenFor(address: string): Promise<string> {
  const mail = (await mailsTo(address)).filter((m) => m.kind === 'withdraw-signature').at(-1);
  const match = mail?.html?.match(/\/withdraw\/([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error('no withdrawal link found');
  return match[1];
}

async function signedAndConfirmed() {
  const { caller, campaign } = await createPublishedCampaign();
  const input = signInput();
  await signCampaign(campaign.slug, input, { locale: 'en' });
  await confirmSignature(await confirmationTokenFor(input.email));
  const db = await getDb();
  await db.update(signatures).set({ lastMailedAt: null }).where(eq(signatures.id, await signatureIdOf(input.email)));
  return { caller, campaign, input };
}

describe('withdrawing a signature', () => {
  it('mails a link whose button erases the signature, and the count drops', async () => {
    const { campaign, input } = await signedAndConfirmed();
    expect(await publicCount(campaign.slug)).toBe(1);

    await expect(requestWithdrawalNow(campaign.slug, { email: input.email.toUpperCase() }, { locale: 'en' })).resolves.toEqual({ status: 'check_inbox' });
    const token = await withdrawTokenFor(input.email);
    expect((await getWithdrawal(token)).outcome).toBe('ready');
    expect(await publicCount(campaign.slug)).toBe(1);

    await drainOutbox();
    expect(await withdrawSignature(token)).toBe('withdrawn');
    expect(await publicCount(campaign.slug)).toBe(0);
    expect(await findSigner(input.email)).toBeUndefined();
    expect(await mailsTo(input.email)).toHaveLength(0);
    expect(await withdrawSignature(token)).toBe('not-found');
  });

  it('mails a link right after signing, but not twice within a minute', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    await Promise.all([1, 2, 3].map(() => requestWithdrawalNow(campaign.slug, { email: input.email }, { locale: 'en' })));
    expect((await mailsTo(input.email)).map((m) => m.kind)).toEqual(['confirm-signature', 'withdraw-signature']);
  });

  it('answers the same for an address that never signed, and mails nothing', async () => {
    const { campaign } = await createPublishedCampaign();
    await expect(requestWithdrawalNow(campaign.slug, { email: 'never@example.org' }, { locale: 'en' })).resolves.toEqual({ status: 'check_inbox' });
    expect(await mailsTo('never@example.org')).toHaveLength(0);
  });

  it('still works after the campaign closed', async () => {
    const { caller, campaign, input } = await signedAndConfirmed();
    await updateCampaign(caller, campaign.slug, { status: 'closed' });
    await requestWithdrawalNow(campaign.slug, { email: input.email }, { locale: 'en' });
    expect(await withdrawSignature(await withdrawTokenFor(input.email))).toBe('withdrawn');
  });

  it('does not accept a confirmation token as a withdrawal token, or the reverse', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const confirmToken = await confirmationTokenFor(input.email);
    expect(await withdrawSignature(confirmToken)).toBe('not-found');
    const db = await getDb();
    await db.update(signatures).set({ lastMailedAt: null }).where(eq(signatures.id, await signatureIdOf(input.email)));
    await requestWithdrawalNow(campaign.slug, { email: input.email }, { locale: 'en' });
    expect((await confirmSignature(await withdrawTokenFor(input.email))).outcome).toBe('not-found');
  });

  it('refuses a malformed address with a field error', async () => {
    const { campaign } = await createPublishedCampaign();
    await expect(requestWithdrawalNow(campaign.slug, { email: 'nope' }, { locale: 'en' })).rejects.toMatchObject({ code: 'validation', fields: { email: [expect.any(String)] } });
  });
});
