import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { readPacket } from '@/lib/deliveries/read-packet';
import { reviewSignature } from '@/lib/signatures/review-signature';
import { verifyPacket } from '@/lib/verification/verify-packet';
import { createPublishedCampaign, signAndConfirm } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

const ADDRESSEE = 'UN High Commissioner for Human Rights';

/** Runs the standalone Python check on a packet; returns its exit code and output. */
function runPython(zip: Uint8Array, published?: string): { code: number; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'packet-'));
  const file = path.join(dir, 'packet.zip');
  writeFileSync(file, zip);
  try {
    const out = execFileSync('python3', ['docs/verify-packet.py', file, ...(published ? [published] : [])], { encoding: 'utf8' });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

async function checkBoth(caller: Parameters<typeof readPacket>[0], slug: string, delivery: { id: string; manifestSha256: string }) {
  const { bytes } = await readPacket(caller, slug, delivery.id);
  const check = verifyPacket(bytes, { publishedManifestSha256: delivery.manifestSha256 });
  expect(check.problems).toEqual([]);
  expect(check.valid).toBe(true);
  const python = runPython(bytes, delivery.manifestSha256);
  expect(python.out).toContain('OK');
  expect(python.code).toBe(0);
}

describe('a real packet, built by createDelivery, checks out', () => {
  it('in verifyPacket and in docs/verify-packet.py, with every format and awkward names', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: ['individual', 'notable', 'organisation', 'group'] });
    await signAndConfirm(campaign.slug, { givenName: 'Leila', familyName: 'Haddad, "the elder"', country: 'LB' });
    await signAndConfirm(campaign.slug, { givenName: 'مریم', familyName: 'احمدی', country: 'IR', visibility: 'confidential' });
    await signAndConfirm(campaign.slug, { givenName: 'Secret', familyName: 'Person', country: 'IR', visibility: 'counted' });
    const org = await signAndConfirm(campaign.slug, { kind: 'organisation', organisation: { name: 'Alpha; "Omega" & Co', ecosocStatus: 'none' }, visibility: 'public', country: 'FR' });
    if (org.review === 'pending') await reviewSignature(caller, campaign.slug, org.id, { decision: 'approve' });
    const delivery = await createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'email', formats: ['pdf', 'xlsx', 'csv', 'json'] });
    expect(delivery.counts.total).toBe(4);
    await checkBoth(caller, campaign.slug, delivery);
  });

  it('for a campaign with no signatures at all', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const delivery = await createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv', 'json', 'pdf', 'xlsx'] });
    expect(delivery.counts.total).toBe(0);
    await checkBoth(caller, campaign.slug, delivery);
  });

  it('for filters that match nobody (reviewed only, with only unreviewed notables)', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: ['individual', 'notable'] });
    await signAndConfirm(campaign.slug, { kind: 'notable', title: 'Judge', visibility: 'public' });
    const delivery = await createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv'], filters: { reviewed: 'only' } });
    expect(delivery.counts.total).toBe(0);
    await checkBoth(caller, campaign.slug, delivery);
  });

  it('for an HRC statement delivered as the Word file alone', async () => {
    const hrc = {
      session: 62,
      agendaItem: 4,
      sessionStartsOn: '2027-03-01',
      submitter: { name: 'Coalition for Press Freedom', ecosocStatus: 'special' as const },
      contact: { name: 'Mira Tan', email: 'mira@example.org' },
    };
    const { caller, campaign } = await createPublishedCampaign(undefined, { kind: 'hrc-statement', signerKinds: ['organisation'], hrc, addressees: [] });
    for (const [name, ecosocStatus, visibility] of [['Ligue', 'general', 'confidential'], ['Quiet Friends', 'none', 'counted'], ['Alpha', 'special', 'public']]) {
      const row = await signAndConfirm(campaign.slug, { kind: 'organisation', organisation: { name, ecosocStatus }, visibility });
      if (row.review === 'pending') await reviewSignature(caller, campaign.slug, row.id, { decision: 'approve' });
    }
    const delivery = await createDelivery(caller, campaign.slug, { addressee: { name: 'HRC secretariat' }, channel: 'portal', formats: ['docx'] });
    await checkBoth(caller, campaign.slug, delivery);
  });
});

describe('hostile dates', () => {
  // Year 0000 is a valid ISO date but not a PostgreSQL one: it must be a field error, never a database error.
  it('refuses deliveredOn 0000-01-01 with a field error, not a database error', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await expect(createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv'], deliveredOn: '0000-01-01' })).rejects.toMatchObject({
      code: 'validation',
      fields: { deliveredOn: expect.any(Array) },
    });
  });

  it('refuses a filter date of 0000-01-01 with a field error, not a database error', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await expect(createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv'], filters: { from: '0000-01-01' } })).rejects.toMatchObject({
      code: 'validation',
      fields: { filters: ['From must be in 1900 or later'] },
    });
  });

  it('refuses a delivery dated before the letter existed', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await expect(createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv'], deliveredOn: '2001-01-01' })).rejects.toMatchObject({
      code: 'validation',
      fields: { deliveredOn: [expect.stringContaining('when the letter was created')] },
    });
  });
});

describe('the public manifest', () => {
  // Two deliveries' manifests must not tell where a signer who withheld their name comes from.
  it('counts countries of publicly named signers only, the rest as withheld', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug, { givenName: 'Open', familyName: 'Signer', country: 'FR', visibility: 'public' });
    const first = await createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv'] });
    await signAndConfirm(campaign.slug, { givenName: 'Secret', familyName: 'Person', country: 'BY', visibility: 'counted' });
    await signAndConfirm(campaign.slug, { givenName: 'Quiet', familyName: 'Witness', country: 'BY', visibility: 'confidential' });
    const second = await createDelivery(caller, campaign.slug, { addressee: ADDRESSEE, channel: 'post', formats: ['csv'] });
    const manifestOf = async (id: string) => JSON.parse(strFromU8(unzipSync((await readPacket(caller, campaign.slug, id)).bytes)['manifest.json']));
    const a = await manifestOf(first.id);
    const b = await manifestOf(second.id);
    expect(a.counts.byCountry).toEqual({ FR: 1 });
    expect(b.counts.byCountry).toEqual({ FR: 1, withheld: 2 });
    expect(JSON.stringify(b)).not.toContain('BY');
  });
});
