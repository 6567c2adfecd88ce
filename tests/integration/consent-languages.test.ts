import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { consentTexts, signatures, signatureTokens } from '@/db/schema';
import { findConsentTexts } from '@/lib/privacy/find-consent-text';
import { CONSENT_VERSION, consentText } from '@/lib/privacy/consent';
import { purgeUnconfirmedSignatures } from '@/lib/privacy/purge-unconfirmed-signatures';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { getWithdrawal, withdrawSignature } from '@/lib/signatures/withdraw-signature';
import { confirmationTokenFor, createOrganiser, createPublishedCampaign, mailsTo, signInput } from '../helpers/fixtures';
import { findSigner } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const withdrawLinkIn = (text: string) => text.match(/\/withdraw\/([A-Za-z0-9_-]{43})\?lang=(\w+)/);

describe('a Persian signer', () => {
  it('is mailed right to left in Persian, keeps the consent they saw on record, and can withdraw from any later mail', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const input = signInput({ givenName: 'مریم', familyName: 'احمدی' });
    await signCampaign(campaign.slug, input, { locale: 'fa' });

    // The confirmation: Persian, right to left, its link opening the site in Persian. No withdrawal
    // link yet: nothing counts before confirmation, and ignoring the mail keeps nothing.
    const [pending] = await mailsTo(input.email);
    expect(pending.kind).toBe('confirm-signature');
    expect(pending.subject).toBe(`امضایتان را تأیید کنید: ${campaign.title}`);
    expect(pending.html).toMatch(/<html[^>]*lang="fa"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="fa"/);
    expect(pending.html).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}\?lang=fa"/);
    expect(pending.text).toContain('این ایمیل را نادیده بگیرید');
    expect(withdrawLinkIn(pending.text!)).toBeNull();

    // What they agreed to is stored as version and language, and the exact wording can be read back.
    const db = await getDb();
    const row = (await findSigner(input.email))!;
    expect([row.consentVersion, row.consentLocale]).toEqual([CONSENT_VERSION, 'fa']);
    const [stored] = await db
      .select({ text: consentTexts.text })
      .from(consentTexts)
      .where(sql`${consentTexts.version} = ${row.consentVersion} and ${consentTexts.locale} = ${row.consentLocale}`);
    expect(stored.text).toBe(consentText('fa').text);
    expect(stored.text).toContain('هر وقت بخواهم می‌توانم امضایم را پس بگیرم');
    const consents = await findConsentTexts(caller, campaign.slug, [row.id]);
    expect(consents.get(row.id)).toMatchObject({ version: CONSENT_VERSION, locale: 'fa', text: consentText('fa').text });
    // Another campaign's organiser learns nothing about it.
    await expect(findConsentTexts(await createOrganiser(), campaign.slug, [row.id])).rejects.toMatchObject({ code: 'not_found' });

    // Once confirmed, the receipt mail carries their own withdrawal link, in Persian.
    expect((await confirmSignature(await confirmationTokenFor(input.email))).outcome).toBe('confirmed');
    const receipt = (await mailsTo(input.email)).find((mail) => mail.kind === 'signature-receipt')!;
    expect(receipt.html).toContain('dir="rtl"');
    expect(receipt.text).toContain('نظرتان عوض شده؟');
    const link = withdrawLinkIn(receipt.text!)!;
    expect(link[2]).toBe('fa');
    expect(await getWithdrawal(link[1])).toMatchObject({ outcome: 'ready' });
    expect(await withdrawSignature(link[1])).toBe('withdrawn');
    expect(await findSigner(input.email)).toBeUndefined();
  });
});

describe('a signer who never confirms', () => {
  it('is deleted once every link mailed to them has expired, and not before', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'ar' });
    const db = await getDb();
    const row = (await findSigner(input.email))!;

    await purgeUnconfirmedSignatures();
    expect(await db.select().from(signatures).where(eq(signatures.id, row.id))).toHaveLength(1);

    // Eight days later, the link has expired: nothing can confirm it any more.
    await db.update(signatures).set({ consentedAt: sql`now() - interval '8 days'` }).where(eq(signatures.id, row.id));
    await db.update(signatureTokens).set({ expiresAt: sql`now() - interval '1 day'` }).where(eq(signatureTokens.signatureId, row.id));
    expect(await purgeUnconfirmedSignatures()).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(signatures).where(eq(signatures.id, row.id))).toHaveLength(0);
  });

  it('is kept while a fresh link is still valid', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const db = await getDb();
    const row = (await findSigner(input.email))!;
    await db.update(signatures).set({ consentedAt: sql`now() - interval '8 days'` }).where(eq(signatures.id, row.id));
    await purgeUnconfirmedSignatures();
    expect(await db.select().from(signatures).where(eq(signatures.id, row.id))).toHaveLength(1);
  });
});
