import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { campaignVersions } from '@/db/schema';
import { localiseCampaign } from '@/lib/campaigns/campaign-views';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { getPublicCampaign, listPublicCampaigns } from '@/lib/campaigns/get-public-campaign';
import { getOrganiserCampaign, listOrganiserCampaigns } from '@/lib/campaigns/list-organiser-campaigns';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { listSignatures } from '@/lib/signatures/list-signatures';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { campaignInput, createOrganiser, createPublishedCampaign, signInput } from '../helpers/fixtures';
import { documentBytes } from '../helpers/read-document';
import { signersOf } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

describe('creating and publishing', () => {
  it('creates a draft that the public cannot see until it is published', async () => {
    const owner = await createOrganiser();
    const draft = await createCampaign(owner, campaignInput());
    expect(draft.status).toBe('draft');
    expect(await getPublicCampaign(draft.slug)).toBeNull();
    expect((await listPublicCampaigns()).map((c) => c.slug)).not.toContain(draft.slug);

    await updateCampaign(owner, draft.slug, { status: 'published' });
    const shown = await getPublicCampaign(draft.slug);
    expect(shown).toMatchObject({ slug: draft.slug, status: 'published', acceptingSignatures: true, signatureCount: 0 });
    expect(shown).not.toHaveProperty('id');
    expect(shown).not.toHaveProperty('createdBy');
  });

  it('refuses a slug that is taken, with a field error', async () => {
    const owner = await createOrganiser();
    const first = await createCampaign(owner, campaignInput());
    await expect(createCampaign(owner, campaignInput({ slug: first.slug }))).rejects.toMatchObject({
      code: 'conflict',
      fields: { slug: [expect.any(String)] },
    });
  });

  it('reports every bad field at once', async () => {
    const owner = await createOrganiser();
    const error = await createCampaign(owner, { slug: 'Bad Slug!', title: '', letter: '', addressees: [], language: 'xx', goal: -3, deadline: '31/12/2026' }).catch((e) => e);
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields).sort()).toEqual(['addressees', 'deadline', 'goal', 'language', 'letter', 'slug', 'title']);
  });

  it('refuses a year-0 deadline with a field error instead of a database error', async () => {
    const owner = await createOrganiser();
    await expect(createCampaign(owner, campaignInput({ deadline: '0000-01-01' }))).rejects.toMatchObject({
      code: 'validation',
      fields: { deadline: [expect.any(String)] },
    });
    const draft = await createCampaign(owner, campaignInput());
    await expect(updateCampaign(owner, draft.slug, { deadline: '0000-01-01' })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('who may manage a campaign', () => {
  it('gives another organiser and a stranger the same not-found as a missing campaign', async () => {
    const { campaign } = await createPublishedCampaign();
    const other = await createOrganiser();
    for (const caller of [other, null]) {
      await expect(getOrganiserCampaign(caller, campaign.slug)).rejects.toMatchObject({ code: 'not_found' });
      await expect(updateCampaign(caller, campaign.slug, { status: 'closed' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(listSignatures(caller, campaign.slug, {})).rejects.toMatchObject({ code: 'not_found' });
      await expect(documentBytes(caller, campaign.slug, 'csv')).rejects.toMatchObject({ code: 'not_found' });
    }
    expect((await listOrganiserCampaigns(other)).map((c) => c.slug)).not.toContain(campaign.slug);
    expect((await getPublicCampaign(campaign.slug))!.status).toBe('published');
  });

  it('lets an administrator manage every campaign', async () => {
    const { campaign } = await createPublishedCampaign();
    const admin = await createOrganiser({ admin: true });
    await expect(getOrganiserCampaign(admin, campaign.slug)).resolves.toMatchObject({ slug: campaign.slug });
  });
});

describe('the organiser’s signature list', () => {
  it('filters by status and searches by name, paged', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    for (const name of ['Amara', 'Bruno', 'Chloé']) {
      await signCampaign(campaign.slug, signInput({ givenName: name }), { locale: 'en' });
    }
    const all = await listSignatures(caller, campaign.slug, { perPage: 2 });
    expect(all).toMatchObject({ total: 3, pages: 2 });
    expect(all.items).toHaveLength(2);
    expect((await listSignatures(caller, campaign.slug, { q: 'chlo' })).items.map((s) => s.givenName)).toEqual(['Chloé']);
    expect((await listSignatures(caller, campaign.slug, { q: '100%_' })).total).toBe(0);
    expect((await listSignatures(caller, campaign.slug, { status: 'confirmed' })).total).toBe(0);
  });
});

describe('slugs from the address bar', () => {
  it('treats anything that cannot be a slug as not found, without asking the database', async () => {
    const { caller } = await createPublishedCampaign();
    for (const slug of ['a\u0000b', '../etc/passwd', 'x'.repeat(10_000), 'Ünïcode', '%00']) {
      expect(await getPublicCampaign(slug)).toBeNull();
      await expect(getOrganiserCampaign(caller, slug)).rejects.toMatchObject({ code: 'not_found' });
      await expect(signCampaign(slug, signInput(), { locale: 'en' })).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('drops control characters from a search instead of failing', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signCampaign(campaign.slug, signInput({ givenName: 'Amara' }), { locale: 'en' });
    expect((await listSignatures(caller, campaign.slug, { q: 'Am\u0000ara' })).total).toBe(1);
  });
});

describe('translations', () => {
  it('stores translations given through the API and shows them to readers of that language', async () => {
    const owner = await createOrganiser();
    const created = await createCampaign(
      owner,
      campaignInput({ translations: { fr: { title: 'Libérez-les', letter: 'Excellence,\r\n\r\nNous écrivons.' } } }),
    );
    await updateCampaign(owner, created.slug, { status: 'published' });
    const shown = await getPublicCampaign(created.slug);
    expect(shown!.translations.fr).toEqual({ title: 'Libérez-les', summary: null, letter: 'Excellence,\n\nNous écrivons.', demands: [] });
    expect(localiseCampaign(shown!, 'fr').title).toBe('Libérez-les');
    expect(localiseCampaign(shown!, 'de').title).toBe(shown!.title);
  });

  it('refuses translations for unknown languages or without a letter', async () => {
    const owner = await createOrganiser();
    const error = await createCampaign(owner, campaignInput({ translations: { xx: { title: 'T', letter: 'L' } } as never })).catch((e) => e);
    expect(error.fields).toHaveProperty('translations');
    const missing = await createCampaign(owner, campaignInput({ translations: { fr: { title: 'T' } } as never })).catch((e) => e);
    expect(missing.fields).toHaveProperty('translations');
  });
});

const hrcDetails = {
  session: 61,
  agendaItem: 4,
  sessionStartsOn: '2026-02-23',
  submitter: { name: 'International Federation for Human Rights Leagues', ecosocStatus: 'special' as const },
  contact: { name: 'Ana Velez', email: 'ana@example.org' },
};

async function versionsOf(campaignId: string) {
  const db = await getDb();
  return db.select().from(campaignVersions).where(eq(campaignVersions.campaignId, campaignId)).orderBy(asc(campaignVersions.number));
}

describe('kinds of campaign', () => {
  it('refuses an HRC statement in a language the Council does not take', async () => {
    const owner = await createOrganiser();
    const error = await createCampaign(owner, campaignInput({ kind: 'hrc-statement', language: 'fa', hrc: hrcDetails })).catch((e) => e);
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields)).toEqual(['language']);
    expect(error.fields.language[0]).toMatch(/English, French or Spanish/);
  });

  it('refuses an HRC statement submitted by an NGO without ECOSOC status', async () => {
    const owner = await createOrganiser();
    const error = await createCampaign(owner, campaignInput({ kind: 'hrc-statement', hrc: { ...hrcDetails, submitter: { ...hrcDetails.submitter, ecosocStatus: 'none' } } })).catch((e) => e);
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields)).toEqual(['hrc']);
    const statement = await createCampaign(owner, campaignInput({ kind: 'hrc-statement', hrc: hrcDetails }));
    expect(statement).toMatchObject({ kind: 'hrc-statement', hrc: { submitter: { ecosocStatus: 'special' } } });
  });

  it('takes a call to action without addressees, but not a letter', async () => {
    const owner = await createOrganiser();
    await expect(createCampaign(owner, campaignInput({ kind: 'call', addressees: [] }))).resolves.toMatchObject({ kind: 'call', addressees: [] });
    await expect(createCampaign(owner, campaignInput({ kind: 'letter', addressees: [] }))).rejects.toMatchObject({ code: 'validation', fields: { addressees: [expect.any(String)] } });
  });
});

describe('versions of the signed text', () => {
  it('publishes a change made after people signed as version 2, keeping version 1 readable', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signCampaign(campaign.slug, signInput(), { locale: 'en' });
    const edited = await updateCampaign(caller, campaign.slug, { letter: 'Excellency,\n\nWe write again about **five journalists**.' });
    expect(edited.version.number).toBe(2);
    expect(edited.version.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(edited.version.sha256).not.toBe(campaign.version.sha256);

    const versions = await versionsOf(campaign.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({ letter: campaign.letter, sha256: campaign.version.sha256 });
    expect(versions[1]).toMatchObject({ letter: edited.letter, sha256: edited.version.sha256 });
  });

  it('rewrites a draft nobody signed in place: still version 1, with a new hash', async () => {
    const owner = await createOrganiser();
    const draft = await createCampaign(owner, campaignInput());
    const edited = await updateCampaign(owner, draft.slug, { title: 'Release the detained journalists now', addressees: [{ name: 'UN High Commissioner for Human Rights', postalAddress: 'Palais des Nations\nCH-1211 Geneva 10' }] });
    expect(edited.version.number).toBe(1);
    expect(edited.version.sha256).not.toBe(draft.version.sha256);
    const versions = await versionsOf(draft.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, title: 'Release the detained journalists now', sha256: edited.version.sha256 });
  });

  it('records on each signature the version it was given on', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const before = signInput();
    await signCampaign(campaign.slug, before, { locale: 'en' });
    await updateCampaign(caller, campaign.slug, { demands: ['Release them', 'Drop all charges'] });
    const after = signInput();
    await signCampaign(campaign.slug, after, { locale: 'en' });

    const rows = await signersOf(campaign.id);
    expect(Object.fromEntries(rows.map((row) => [row.email, row.versionNumber]))).toEqual({ [before.email]: 1, [after.email]: 2 });
  });
});
