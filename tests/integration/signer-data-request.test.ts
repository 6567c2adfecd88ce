import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { signerDataRequests } from '@/db/schema';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { processSignerDataRequests } from '@/lib/privacy/process-signer-data-requests';
import { requestSignerData } from '@/lib/privacy/request-signer-data';
import { getWithdrawal } from '@/lib/signatures/withdraw-signature';
import { createPublishedCampaign, mailsTo, signAndConfirm } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {}, revalidatePath: () => {} }));

withTestDatabase();

describe('asking for the data we hold', () => {
  it('mails that address alone everything held about each of its signatures, with a withdrawal link for each', async () => {
    const email = `nour.${Date.now()}@example.org`;
    const first = await createPublishedCampaign();
    const second = await createPublishedCampaign();
    await signAndConfirm(first.campaign.slug, { email, givenName: 'Nour', familyName: 'Haddad', title: 'Sister of a detainee', visibility: 'confidential', country: 'LB' });
    await signAndConfirm(second.campaign.slug, { email: email.toUpperCase(), givenName: 'Nour', familyName: 'Haddad', visibility: 'counted', country: 'LB' });
    await createDelivery(first.caller, first.campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'in-person', formats: ['csv'] });

    await expect(requestSignerData({ email: ` ${email} ` }, { locale: 'en', client: 'c1' })).resolves.toEqual({ status: 'check_inbox' });
    // While it waits, the request holds no address.
    const db = await getDb();
    const [waiting] = await db.select().from(signerDataRequests);
    expect(Buffer.from(waiting.sealed).toString('latin1')).not.toContain('nour');
    expect(await processSignerDataRequests()).toBe(1);

    const answer = (await mailsTo(email)).find((mail) => mail.kind === 'signer-data')!;
    expect(answer.subject).toBe('The data we hold about this address');
    expect(answer.text).toContain('It signed 2 letters');
    expect(answer.text).toContain(first.campaign.title);
    expect(answer.text).toContain(second.campaign.title);
    expect(answer.text).toContain('Name: Nour Haddad');
    expect(answer.text).toContain('Title: Sister of a detainee');
    expect(answer.text).toContain('How your name is shown: named only in what is delivered to the addressees');
    expect(answer.text).toContain('How your name is shown: never named, only counted');
    expect(answer.text).toContain('Delivered to: UN High Commissioner for Human Rights');
    expect(answer.text).toMatch(/Consent you agreed to: \d{4}-\d{2}-\d{2}[^\n]*\(en\): /);
    const links = [...answer.text!.matchAll(/\/withdraw\/([A-Za-z0-9_-]{43})/g)].map((match) => match[1]);
    expect(new Set(links).size).toBe(2);
    for (const token of links) expect(await getWithdrawal(token)).toMatchObject({ outcome: 'ready' });
    expect(await db.select().from(signerDataRequests).where(eq(signerDataRequests.id, waiting.id))).toHaveLength(0);
  });

  it('tells an address that signed nothing so, answers an address at most once a day, and refuses a bad address with a field error', async () => {
    const email = `nobody.${Date.now()}@example.org`;
    await requestSignerData({ email }, { locale: 'fr', client: 'c2' });
    await requestSignerData({ email }, { locale: 'fr', client: 'c2' });
    await processSignerDataRequests();
    const answers = (await mailsTo(email)).filter((mail) => mail.kind === 'signer-data');
    expect(answers).toHaveLength(1);
    expect(answers[0].text).toContain('Nous ne détenons aucune signature pour elle');
    await expect(requestSignerData({ email: 'not an address' }, { locale: 'en', client: 'c3' })).rejects.toMatchObject({ code: 'validation', fields: { email: [expect.any(String)] } });
    await expect(requestSignerData({ email, extra: 1 }, { locale: 'en', client: 'c3' })).rejects.toMatchObject({ code: 'validation' });
  });
});
