import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { deliveries, outbox, signatures } from '@/db/schema';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { commitmentFor, receiptHash } from '@/lib/deliveries/commitment';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { findReceiptDeliveries } from '@/lib/deliveries/find-receipt-deliveries';
import { listDeliveries, listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { fromHex, merkleRoot, toHex, verifyInclusion } from '@/lib/deliveries/merkle';
import { readPacket } from '@/lib/deliveries/read-packet';
import { recordResponse } from '@/lib/deliveries/record-response';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { requestWithdrawal, withdrawSignature, processWithdrawalRequests } from '@/lib/signatures/withdraw-signature';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { campaignInput, confirmationTokenFor, createOrganiser, createPublishedCampaign, mailsTo, openMailRow, signAndConfirm, signInput } from '../helpers/fixtures';
import { findSigner } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function campaignWithSigners() {
  const { caller, campaign } = await createPublishedCampaign(undefined, {
    addressees: [{ name: 'UN High Commissioner for Human Rights', role: 'OHCHR', postalAddress: 'Palais des Nations, CH-1211 Geneva 10', email: null }] as never,
  });
  const named = await signAndConfirm(campaign.slug, { givenName: 'Leila', familyName: 'Haddad', country: 'LB' });
  const counted = await signAndConfirm(campaign.slug, { givenName: 'Secret', familyName: 'Person', country: 'IR', visibility: 'counted' });
  const confidential = await signAndConfirm(campaign.slug, { givenName: 'Quiet', familyName: 'Witness', country: 'IR', visibility: 'confidential' });
  return { caller, campaign, named, counted, confidential };
}

describe('receipts', () => {
  it('are given once on confirmation, mailed once in a link fragment, and only their hash is stored', async () => {
    const { campaign } = await createPublishedCampaign();
    const input = signInput();
    await signCampaign(campaign.slug, input, { locale: 'en' });
    const token = await confirmationTokenFor(input.email);
    const first = await confirmSignature(token);
    expect(first.outcome).toBe('confirmed');
    expect(first.receipt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await confirmSignature(token)).toEqual({ outcome: 'already-confirmed' });
    const row = (await findSigner(input.email))!;
    expect(row.receiptHash).toBe(sha256(first.receipt!));
    expect(JSON.stringify(row)).not.toContain(first.receipt!);
    const mails = (await mailsTo(input.email)).filter((m) => m.kind === 'signature-receipt');
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`/verify#receipt=${first.receipt}`);
  });
});

describe('deliveries', () => {
  it('builds a packet whose files, counts and signature root match its manifest, and stores it byte for byte', async () => {
    const { caller, campaign, named, counted } = await campaignWithSigners();
    const delivery = await createDelivery(caller, campaign.slug, {
      addressee: 'UN High Commissioner for Human Rights',
      channel: 'email',
      formats: ['pdf', 'csv', 'xlsx'],
      note: 'Handed over with the briefing note',
      deliveredOn: today,
    });
    expect(delivery.counts.total).toBe(3);
    expect(delivery.counts.byVisibility).toEqual({ confidential: 1, counted: 1, public: 1 });
    expect(delivery.files.map((f) => f.name)).toEqual(['letter.pdf', 'signatories.csv', 'signatories.xlsx', 'commitments.json']);

    const packet = await readPacket(caller, campaign.slug, delivery.id);
    const again = await readPacket(caller, campaign.slug, delivery.id);
    expect(Buffer.from(again.bytes).equals(Buffer.from(packet.bytes))).toBe(true);
    expect(sha256(packet.bytes)).toBe(packet.sha256);

    const files = unzipSync(packet.bytes);
    const manifestText = new TextDecoder().decode(files['manifest.json']);
    expect(sha256(manifestText)).toBe(delivery.manifestSha256);
    const manifest = JSON.parse(manifestText);
    for (const file of manifest.files) {
      expect(files[file.name].length).toBe(file.bytes);
      expect(sha256(files[file.name])).toBe(file.sha256);
    }
    const commitments: string[] = JSON.parse(new TextDecoder().decode(files['commitments.json']));
    expect(commitments).toEqual([...commitments].sort());
    expect(toHex(merkleRoot(commitments.map(fromHex)))).toBe(manifest.signatureRoot);
    // Each signer's commitment is derived from their receipt and this delivery, and is in the list.
    for (const signer of [named, counted]) {
      expect(commitments).toContain(toHex(commitmentFor(receiptHash(signer.receipt!), delivery.id)));
    }
    // No document, manifest or commitment list holds an email address or a withheld name.
    const everything = Object.values(files).map((bytes) => Buffer.from(bytes).toString('latin1')).join('\n');
    expect(everything).not.toContain(named.input.email);
    expect(manifestText).not.toContain('Secret');
  });

  it('publishes a new addressee by name only, with the count and fingerprint, on the timeline', async () => {
    const { caller, campaign } = await campaignWithSigners();
    const delivery = await createDelivery(caller, campaign.slug, { addressee: { name: 'Special Rapporteur on human rights defenders' }, channel: 'portal', formats: ['csv'] });
    const db = await getDb();
    const [row] = await db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
    expect(row.manifestSha256).toBe(delivery.manifestSha256);
    const timeline = await listPublicDeliveries(campaign.slug);
    expect(timeline).toMatchObject([{ id: delivery.id, addressee: 'Special Rapporteur on human rights defenders', channel: 'portal', signatureCount: 3, withdrawnSince: 0 }]);
    expect(JSON.stringify(timeline)).not.toContain('@');
  });

  it('keeps a delivery as delivered after a withdrawal, and counts the withdrawal since', async () => {
    const { caller, campaign, named } = await campaignWithSigners();
    const delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv'] });
    await requestWithdrawal(campaign.slug, { email: named.input.email }, { locale: 'en' });
    await processWithdrawalRequests();
    const mail = (await mailsTo(named.input.email)).find((m) => m.kind === 'withdraw-signature')!;
    const token = mail.html!.match(/\/withdraw\/([A-Za-z0-9_-]{43})/)![1];
    expect(await withdrawSignature(token)).toBe('withdrawn');

    const [timeline] = await listPublicDeliveries(campaign.slug);
    expect(timeline.signatureCount).toBe(3);
    expect(timeline.withdrawnSince).toBe(1);
    const packet = unzipSync((await readPacket(caller, campaign.slug, delivery.id)).bytes);
    expect(new TextDecoder().decode(packet['signatories.csv'])).toContain('Haddad');
    // The next delivery no longer holds the withdrawn signature.
    const next = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv'] });
    expect(next.counts.total).toBe(2);
  });

  it('lets a signer find the deliveries that held their signature, with a proof that checks', async () => {
    const { caller, campaign, counted } = await campaignWithSigners();
    const first = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['csv'] });
    const second = await createDelivery(caller, campaign.slug, { addressee: { name: 'Minister of Foreign Affairs' }, channel: 'in-person', formats: ['pdf'] });
    const { deliveries: found } = await findReceiptDeliveries({ receipt: counted.receipt });
    expect(found.map((d) => d.id)).toEqual([first.id, second.id]);
    for (const d of found) {
      expect(sha256(d.manifest)).toBe(d.manifestSha256);
      const root = fromHex(JSON.parse(d.manifest).signatureRoot);
      expect(verifyInclusion(fromHex(d.commitment), d.leafIndex, d.treeSize, d.proof.map(fromHex), root)).toBe(true);
    }
    // The same signature's commitments in two deliveries share nothing.
    expect(found[0].commitment).not.toBe(found[1].commitment);
    expect(await findReceiptDeliveries({ receipt: 'A'.repeat(43) })).toEqual({ deliveries: [] });
    // Lookups from one client are limited, so nobody can make the server recompute proofs by the thousand.
    const client = `receipt-client-${counted.id}`;
    for (let i = 0; i < 60; i++) await findReceiptDeliveries({ receipt: 'B'.repeat(43) }, { client });
    await expect(findReceiptDeliveries({ receipt: 'B'.repeat(43) }, { client })).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(findReceiptDeliveries({ receipt: 'short' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('records responses on the timeline, and refuses bad input with field errors', async () => {
    const { caller, campaign } = await campaignWithSigners();
    const delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['csv'], deliveredOn: today });
    await recordResponse(caller, campaign.slug, delivery.id, { status: 'acknowledged', receivedOn: today, text: 'Received with thanks.' });
    const [timeline] = await listPublicDeliveries(campaign.slug);
    expect(timeline.responses).toEqual([{ status: 'acknowledged', receivedOn: today, text: 'Received with thanks.' }]);
    await expect(recordResponse(caller, campaign.slug, delivery.id, { status: 'answered', receivedOn: yesterday })).rejects.toMatchObject({ code: 'validation', fields: { receivedOn: expect.any(Array) } });
    await expect(recordResponse(caller, campaign.slug, delivery.id, { status: 'maybe', receivedOn: tomorrow })).rejects.toMatchObject({ code: 'validation', fields: { status: expect.any(Array) } });
    await expect(createDelivery(caller, campaign.slug, { addressee: 'Nobody in particular', channel: 'email', formats: ['csv'] })).rejects.toMatchObject({ fields: { addressee: expect.any(Array) } });
    await expect(createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'fax', formats: [] })).rejects.toMatchObject({ fields: { channel: expect.any(Array), formats: expect.any(Array) } });
    await expect(createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['docx'] })).rejects.toMatchObject({ code: 'validation' });
    await expect(createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv'], send: true })).rejects.toMatchObject({ fields: { send: expect.any(Array) } });
    await expect(createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['csv'], send: true })).rejects.toMatchObject({ fields: { 'addressee.email': expect.any(Array) } });
  });

  it('records one delivery for one idempotency key, whether the request comes again later or twice at once', async () => {
    const { caller, campaign } = await campaignWithSigners();
    const request = { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['csv'] };
    const first = await createDelivery(caller, campaign.slug, request, { idempotencyKey: 'form-nonce-0001' });
    const again = await createDelivery(caller, campaign.slug, request, { idempotencyKey: 'form-nonce-0001' });
    expect(again).toEqual(first);
    const together = await Promise.all([
      createDelivery(caller, campaign.slug, request, { idempotencyKey: 'form-nonce-0002' }),
      createDelivery(caller, campaign.slug, request, { idempotencyKey: 'form-nonce-0002' }),
    ]);
    expect(together[0].id).toBe(together[1].id);
    expect(await listPublicDeliveries(campaign.slug)).toHaveLength(2);
    await expect(createDelivery(caller, campaign.slug, request, { idempotencyKey: 'short' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('is for the campaign’s organisers only, and the database refuses to change a delivery', async () => {
    const { caller, campaign } = await campaignWithSigners();
    const delivery = await createDelivery(caller, campaign.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['csv'] });
    const stranger = await createOrganiser();
    await expect(createDelivery(stranger, campaign.slug, { addressee: 'x', channel: 'email', formats: ['csv'] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(listDeliveries(null, campaign.slug)).rejects.toMatchObject({ code: 'not_found' });
    await expect(readPacket(stranger, campaign.slug, delivery.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(readPacket(caller, campaign.slug, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordResponse(stranger, campaign.slug, delivery.id, { status: 'answered', receivedOn: '2026-11-24' })).rejects.toMatchObject({ code: 'not_found' });
    const db = await getDb();
    await expect(db.update(deliveries).set({ signatureCount: 1_000_000 }).where(eq(deliveries.id, delivery.id))).rejects.toThrow();
    const draft = await createCampaign(caller, campaignInput());
    await expect(createDelivery(caller, draft.slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'email', formats: ['csv'] })).rejects.toMatchObject({ code: 'conflict' });
    await updateCampaign(caller, draft.slug, { status: 'published' });
  });

  it('sends the documents to the addressee as attachments when asked, in a mail of its own', async () => {
    const { caller, campaign } = await campaignWithSigners();
    const delivery = await createDelivery(caller, campaign.slug, {
      addressee: { name: 'Office of the Special Rapporteur', email: 'delivered@resend.dev' },
      channel: 'email',
      formats: ['pdf', 'csv'],
      send: true,
    });
    const db = await getDb();
    const [mail] = (await db.select().from(outbox).where(eq(outbox.deliveryId, delivery.id))).map(openMailRow);
    expect(mail.toAddress).toBe('delivered@resend.dev');
    expect(mail.text).toContain(delivery.manifestSha256);
    while ((await drainOutbox()).sent > 0);
    const [sent] = await db.select().from(outbox).where(eq(outbox.deliveryId, delivery.id));
    expect(sent.status).toBe('sent');
    const [signature] = await db.select({ id: signatures.id }).from(signatures).limit(1);
    expect(signature).toBeDefined();
  });
});
