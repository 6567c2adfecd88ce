import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb, getDbKind } from '@/db/client';
import { auditLog } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { inviteOrganiser } from '@/lib/auth/invite-organiser';
import { recordSignIn } from '@/lib/auth/record-sign-in';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { deleteCampaign } from '@/lib/campaigns/delete-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { readPacket } from '@/lib/deliveries/read-packet';
import { recordResponse } from '@/lib/deliveries/record-response';
import { exportDocument } from '@/lib/documents/export-document';
import { importSignatures } from '@/lib/imports/import-signatures';
import { erasePersonalData } from '@/lib/privacy/erase-personal-data';
import { setRetention } from '@/lib/privacy/set-retention';
import { hideSignerName, includeHeldSignatures, invalidateSignatures } from '@/lib/signatures/moderate-signatures';
import { reviewSignature } from '@/lib/signatures/review-signature';
import { campaignInput, createOrganiser, createPublishedCampaign, signAndConfirm, unique } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

const today = new Date().toISOString().slice(0, 10);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

async function lastId(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

async function entriesAfter(id: number) {
  const db = await getDb();
  return db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id));
}

/** Runs an action and returns the one entry it wrote (failing if it wrote none or several). */
async function onlyEntry(action: () => Promise<unknown>) {
  const before = await lastId();
  await action();
  const written = await entriesAfter(before);
  expect(written.map((entry) => entry.action)).toHaveLength(1);
  return written[0];
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A superuser can switch the triggers off; the chain is what catches what they do then. */
async function withoutTriggers(change: () => Promise<unknown>): Promise<void> {
  const db = await getDb();
  await db.execute(sql`alter table audit_log disable trigger user`);
  try {
    await change();
  } finally {
    await db.execute(sql`alter table audit_log enable trigger user`);
  }
}

describe('the audit log', () => {
  it('records each organiser action once, with who did it, and nothing that identifies a signer', async () => {
    const owner = await createOrganiser();
    const by = { actorKind: 'user', actorId: owner.userId, actorLabel: owner.email };

    let campaignId = '';
    let slug = '';
    const created = await onlyEntry(async () => {
      const campaign = await createCampaign(owner, {
        ...campaignInput({ signerKinds: ['individual', 'notable', 'organisation', 'group'] } as never),
        addressees: [{ name: 'UN High Commissioner for Human Rights', role: 'OHCHR', postalAddress: 'Palais des Nations, CH-1211 Geneva 10', email: null }] as never,
      });
      campaignId = campaign.id;
      slug = campaign.slug;
    });
    expect(created).toMatchObject({ ...by, action: 'campaign.create', campaignId, workspaceId: null, details: { slug } });

    expect(await onlyEntry(() => updateCampaign(owner, slug, { status: 'published' }))).toMatchObject({
      ...by,
      action: 'campaign.publish',
      campaignId,
      details: { status: { from: 'draft', to: 'published' }, fields: [], version: 1 },
    });

    // Signers act on their own behalf: signing and confirming are not organisers' actions.
    const before = await lastId();
    const notable = await signAndConfirm(slug, { kind: 'notable', honorific: 'Prof.', givenName: 'Jane', familyName: 'Doee', title: 'Former Special Rapporteur', country: 'GB' });
    const org = await signAndConfirm(slug, { kind: 'organisation', organisation: { name: 'Not A Real NGO', ecosocStatus: 'general' }, givenName: 'Omid', familyName: 'Rahimi', country: 'IR' });
    const confidential = await signAndConfirm(slug, { givenName: 'Quiet', familyName: 'Witnessperson', country: 'IR', visibility: 'confidential', email: `${unique('quiet')}@fraud.example` });
    expect(await entriesAfter(before)).toEqual([]);

    expect(await onlyEntry(() => updateCampaign(owner, slug, { title: 'Release the detained journalists now' }))).toMatchObject({
      ...by,
      action: 'campaign.edit',
      details: { status: { from: 'published', to: 'published' }, fields: ['title'], version: 2 },
    });

    expect(await onlyEntry(() => reviewSignature(owner, slug, notable.id, { decision: 'approve', corrections: { familyName: 'Doe' } }))).toMatchObject({
      ...by,
      action: 'signature.review',
      details: { signatureId: notable.id, decision: 'approve', corrected: ['familyName'] },
    });
    // The reason is mailed to the signer and may name them: the log keeps the decision only.
    expect(await onlyEntry(() => reviewSignature(owner, slug, org.id, { decision: 'reject', reason: 'Omid Rahimi does not speak for Not A Real NGO' }))).toMatchObject({
      action: 'signature.review',
      details: { signatureId: org.id, decision: 'reject' },
    });

    expect(await onlyEntry(() => hideSignerName(owner, slug, notable.id, { hidden: true }))).toMatchObject({
      ...by,
      action: 'signature.moderate',
      details: { change: 'hide-name', signatureId: notable.id },
    });
    expect(await onlyEntry(() => includeHeldSignatures(owner, slug, { ids: [confidential.id] }))).toMatchObject({
      action: 'signature.moderate',
      details: { change: 'include-held', signatureIds: [confidential.id], included: 0 },
    });

    // A dry run changes nothing and records nothing; the invalidation itself is one entry.
    const beforeDryRun = await lastId();
    await invalidateSignatures(owner, slug, { filter: { emailDomain: 'fraud.example' }, dryRun: true });
    expect(await entriesAfter(beforeDryRun)).toEqual([]);
    expect(await onlyEntry(() => invalidateSignatures(owner, slug, { filter: { emailDomain: 'fraud.example' }, reason: 'a wave from one domain' }))).toMatchObject({
      ...by,
      action: 'signature.invalidate',
      details: { filter: { emailDomain: 'fraud.example' }, reason: 'a wave from one domain', matched: 1, counted: 1 },
    });

    const file = 'given_name,family_name,country,email,visibility\r\nMahsa,Karimi,IR,mahsa.karimi@example.org,confidential\r\nAna,Velez,FR,,counted\r\n';
    const provenance = { description: 'Signed on paper at the Geneva vigil', collectedBy: 'Amani field team', collectedOn: '2026-03-08' };
    let importId = '';
    const imported = await onlyEntry(async () => {
      const result = await importSignatures(owner, slug, { provenance, csv: file, fileName: 'vigil.csv' });
      if (result.status !== 'imported') throw new Error('the import failed');
      importId = result.import.id;
    });
    expect(imported).toMatchObject({ ...by, action: 'import', details: { importId, rows: 2, fileSha256: sha256(file), collectedOn: '2026-03-08' } });

    // A streamed download is recorded when it ends, with the SHA-256 of exactly the bytes sent.
    let csvBytes: Buffer = Buffer.alloc(0);
    const exported = await onlyEntry(async () => {
      const document = await exportDocument(owner, slug, 'csv', { country: 'IR' });
      csvBytes = await readAll(document.body);
    });
    expect(csvBytes.length).toBeGreaterThan(0);
    expect(exported).toMatchObject({
      ...by,
      action: 'export',
      campaignId,
      details: { format: 'csv', filters: { country: 'IR' }, complete: true, bytes: csvBytes.length, sha256: sha256(csvBytes) },
    });

    let deliveryId = '';
    let manifestSha256 = '';
    const delivered = await onlyEntry(async () => {
      const delivery = await createDelivery(owner, slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'portal', formats: ['pdf', 'csv'], deliveredOn: today });
      deliveryId = delivery.id;
      manifestSha256 = delivery.manifestSha256;
    });
    expect(delivered).toMatchObject({
      ...by,
      action: 'delivery',
      details: { deliveryId, manifestSha256, channel: 'portal', formats: ['pdf', 'csv'], addressee: 'UN High Commissioner for Human Rights', sent: false },
    });

    let packetSha256 = '';
    const downloaded = await onlyEntry(async () => {
      const packet = await readPacket(owner, slug, deliveryId);
      packetSha256 = sha256(packet.bytes);
    });
    expect(delivered.details.packetSha256).toBe(packetSha256);
    expect(downloaded).toMatchObject({ ...by, action: 'export', details: { format: 'packet', deliveryId, sha256: packetSha256, complete: true } });

    const responded = await onlyEntry(() => recordResponse(owner, slug, deliveryId, { status: 'acknowledged', receivedOn: today, text: 'Received' }));
    expect(responded).toMatchObject({ ...by, action: 'delivery.response', details: { deliveryId, status: 'acknowledged', receivedOn: today } });

    expect(await onlyEntry(() => updateCampaign(owner, slug, { status: 'closed' }))).toMatchObject({ action: 'campaign.close', details: { status: { from: 'published', to: 'closed' } } });
    expect(await onlyEntry(() => updateCampaign(owner, slug, { status: 'published' }))).toMatchObject({ action: 'campaign.reopen', details: { status: { from: 'closed', to: 'published' } } });

    const admin = await createOrganiser({ admin: true });
    const invited = `${unique('new-organiser')}@undersigned.test`;
    expect(await onlyEntry(() => inviteOrganiser(admin, { email: invited }, { locale: 'en' }))).toMatchObject({
      actorKind: 'user',
      actorLabel: admin.email,
      action: 'organiser.invite',
      campaignId: null,
      details: { email: invited },
    });
    expect(await onlyEntry(() => recordSignIn({ id: owner.userId, email: owner.email }))).toMatchObject({ ...by, action: 'sign-in', campaignId: null });

    // No entry holds a signer's address or a name they did not make public.
    const db = await getDb();
    const everything = JSON.stringify(await db.select().from(auditLog)).toLowerCase();
    for (const secret of [notable.input.email, org.input.email, confidential.input.email, 'mahsa.karimi@example.org', 'Doee', 'Omid', 'Rahimi', 'Witnessperson', 'Mahsa', 'Karimi']) {
      expect(everything).not.toContain(secret.toLowerCase());
    }

    // The organisers read it, newest first and paged; anyone else gets the same 404 as for no campaign.
    const page = await listAuditEntries(owner, slug, { perPage: 5 });
    expect(page.total).toBe(15);
    expect(page.pages).toBe(3);
    expect(page.items.map((item) => item.action)).toEqual(['campaign.reopen', 'campaign.close', 'delivery.response', 'export', 'delivery']);
    expect(page.items[0].actor).toEqual({ kind: 'user', label: owner.email });
    const last = await listAuditEntries(owner, slug, { page: 3, perPage: 5 });
    expect(last.items.map((item) => item.action)).toEqual(['signature.review', 'signature.review', 'campaign.edit', 'campaign.publish', 'campaign.create']);
    await expect(listAuditEntries(await createOrganiser(), slug)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listAuditEntries(null, slug)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listAuditEntries(owner, slug, { page: 'first' })).rejects.toMatchObject({ code: 'validation' });

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: await db.$count(auditLog) });
  });

  it('records a retention change and the deletion of a letter, and keeps them after it is gone', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const signer = await signAndConfirm(campaign.slug, { givenName: 'Parisa', familyName: 'Unlisted', visibility: 'counted' });
    expect(await onlyEntry(() => setRetention(caller, campaign.slug, { months: 3 }))).toMatchObject({
      actorLabel: caller.email,
      action: 'retention.change',
      campaignId: campaign.id,
      details: { months: { from: 6, to: 3 } },
    });
    expect(await onlyEntry(() => deleteCampaign(caller, campaign.slug, { confirm: campaign.slug }))).toMatchObject({
      actorLabel: caller.email,
      action: 'campaign.delete',
      campaignId: campaign.id,
      details: { slug: campaign.slug },
    });
    const db = await getDb();
    const kept = await db.select().from(auditLog).where(eq(auditLog.campaignId, campaign.id)).orderBy(asc(auditLog.id));
    expect(kept.map((entry) => entry.action)).toEqual(['campaign.create', 'campaign.publish', 'retention.change', 'campaign.delete']);
    expect(JSON.stringify(kept)).not.toContain(signer.input.email);
    expect(JSON.stringify(kept)).not.toContain('Unlisted');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('records the anonymisation of a letter by the retention job as the system', async () => {
    const { campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug);
    expect(await onlyEntry(() => erasePersonalData(campaign.id))).toMatchObject({
      actorKind: 'system',
      actorId: null,
      actorLabel: 'retention',
      action: 'retention.apply',
      campaignId: campaign.id,
      details: { signatures: 1 },
    });
  });

  it('records a download cut short as incomplete', async () => {
    const owner = await createOrganiser();
    const campaign = await createCampaign(owner, campaignInput());
    await updateCampaign(owner, campaign.slug, { status: 'published' });
    for (let i = 0; i < 3; i++) await signAndConfirm(campaign.slug);
    const before = await lastId();
    const document = await exportDocument(owner, campaign.slug, 'pdf', {});
    document.body.destroy();
    await vi.waitFor(async () => expect(await entriesAfter(before)).toHaveLength(1), { timeout: 10_000 });
    const [entry] = await entriesAfter(before);
    expect(entry).toMatchObject({ action: 'export', details: { format: 'pdf', complete: false } });
    expect(entry.details).not.toHaveProperty('sha256');
  });

  it('refuses to change, remove or truncate entries', async () => {
    const owner = await createOrganiser();
    await createCampaign(owner, campaignInput());
    const db = await getDb();
    const id = await lastId();
    await expect(db.execute(sql`update audit_log set action = 'campaign.delete' where id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log where id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [row] = await db.select().from(auditLog).where(sql`${auditLog.id} = ${id}`);
    expect(row.action).toBe('campaign.create');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('names the entry where the chain breaks: an edited entry, a removed one, a reordered pair, a removed tail', async () => {
    const owner = await createOrganiser();
    for (let i = 0; i < 4; i++) await createCampaign(owner, campaignInput());
    const db = await getDb();
    const head = await verifyAuditChain(db);
    if (!head.ok || !head.head) throw new Error('the chain should hold before tampering');
    const rows = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(4);
    const [d, c, b] = rows;

    // Edited: the entry no longer matches its hash.
    await withoutTriggers(() => db.execute(sql`update audit_log set details = jsonb_set(details, '{slug}', '"another-letter"') where id = ${b.id}`));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: 'edited', entryId: b.id });
    await withoutTriggers(() => db.execute(sql`update audit_log set details = ${JSON.stringify(b.details)}::jsonb where id = ${b.id}`));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // Edited and re-hashed: the next entry's link gives it away.
    await withoutTriggers(async () => {
      const forged = { ...b, details: { slug: 'another-letter' } };
      const { hashAuditEntry } = await import('@/lib/audit/hash-audit-entry');
      await db.execute(sql`update audit_log set details = ${JSON.stringify(forged.details)}::jsonb, hash = ${hashAuditEntry(forged)} where id = ${b.id}`);
    });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: 'broken-link', entryId: c.id });
    await withoutTriggers(() => db.execute(sql`update audit_log set details = ${JSON.stringify(b.details)}::jsonb, hash = ${b.hash} where id = ${b.id}`));

    // Removed from the middle: the entry after it no longer follows its predecessor.
    await withoutTriggers(() => db.execute(sql`delete from audit_log where id = ${c.id}`));
    const removed = await verifyAuditChain(db);
    expect(removed).toMatchObject({ ok: false, problem: 'broken-link', entryId: d.id });
    if (!removed.ok) expect(removed.message).toContain(`entry ${b.id}`);
    await withoutTriggers(() => db.insert(auditLog).values(c));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // Reordered: two entries swap places (ids); the hash covers the id.
    const swap = (x: number, y: number) =>
      withoutTriggers(async () => {
        await db.execute(sql`update audit_log set id = -1 where id = ${x}`);
        await db.execute(sql`update audit_log set id = ${x} where id = ${y}`);
        await db.execute(sql`update audit_log set id = ${y} where id = -1`);
      });
    await swap(b.id, c.id);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, entryId: b.id });
    await swap(b.id, c.id);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // The last entry removed: the rest still chains, so only a head kept elsewhere shows it.
    await withoutTriggers(() => db.execute(sql`delete from audit_log where id = ${d.id}`));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, head: { id: c.id, hash: c.hash } });
    expect(await verifyAuditChain(db, { expectHead: head.head.hash })).toMatchObject({ ok: false, problem: 'head-missing', entryId: null });
    await withoutTriggers(() => db.insert(auditLog).values(d));
    expect(await verifyAuditChain(db, { expectHead: head.head.hash })).toMatchObject({ ok: true, head: head.head });
  });

  it('keeps one chain when many actions append at once', async () => {
    const owners = await Promise.all(Array.from({ length: 4 }, () => createOrganiser()));
    const campaigns = [];
    for (let i = 0; i < 20; i++) campaigns.push({ owner: owners[i % 4], campaign: await createCampaign(owners[i % 4], campaignInput()) });
    const db = await getDb();
    const before = await lastId();
    // On PostgreSQL these run on several connections at once; the held transactions make them overlap.
    await Promise.all([
      ...campaigns.map(({ owner, campaign }) => updateCampaign(owner, campaign.slug, { status: 'published' })),
      ...Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          if ((await getDbKind()) === 'postgres') await tx.execute(sql`select pg_sleep(0.02)`);
          await appendAuditEntry(tx, { actor: actorFromCaller(owners[i % 4]), action: 'sign-in' });
        }),
      ),
    ]);
    const written = await entriesAfter(before);
    expect(written).toHaveLength(40);
    expect(written.filter((entry) => entry.action === 'campaign.publish')).toHaveLength(20);
    for (let i = 1; i < written.length; i++) expect(written[i].prevHash).toBe(written[i - 1].hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, head: { id: written.at(-1)!.id } });
  });
});
