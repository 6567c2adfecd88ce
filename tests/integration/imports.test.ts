import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { importAction, type ImportFormState } from '@/app/(organiser)/dashboard/c/[slug]/imports/import-actions';
import { GET, POST } from '@/app/api/v1/campaigns/[slug]/imports/route';
import { getDb } from '@/db/client';
import { signatureImports, signatures } from '@/db/schema';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { importSignatures } from '@/lib/imports/import-signatures';
import { listImports } from '@/lib/imports/list-imports';
import { previewImport } from '@/lib/imports/preview-import';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { campaignInput, confirmationTokenFor, createOrganiser, createPublishedCampaign, publicCount, signInput, unique } from '../helpers/fixtures';
import { signersOf } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';
import type { Caller } from '@/lib/auth/caller';

// The route resolves the session through getCaller; here the test says who is calling.
const session = vi.hoisted(() => ({ caller: null as Caller | null }));
vi.mock('@/lib/auth/get-caller', () => ({ getCaller: async () => session.caller }));
// Outside a request Next.js cannot refresh a page; the rest of next/cache is used as is.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), refresh: () => {} }));

withTestDatabase();

const provenance = { description: 'Signed on paper at the Geneva vigil', collectedBy: 'Amani field team', collectedOn: '2026-03-08' };

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

const HEADER = 'kind,honorific,given_name,family_name,title,affiliation,organisation,ecosoc_status,website,group_label,members,relationship,country,visibility,email,signed_on';

/** A campaign that takes every kind of signer, published unless asked otherwise. */
async function openCampaign(options: { status?: 'draft' | 'published' | 'closed' } = {}) {
  const caller = await createOrganiser();
  const created = await createCampaign(caller, campaignInput({ signerKinds: [...SIGNER_KINDS] } as never));
  if (options.status !== 'draft') await updateCampaign(caller, created.slug, { status: options.status ?? 'published' });
  return { caller, slug: created.slug, id: created.id };
}

async function tally(campaignId: string) {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(signatures).where(eq(signatures.campaignId, campaignId));
  const [imports] = await db.select({ n: sql<number>`count(*)` }).from(signatureImports).where(eq(signatureImports.campaignId, campaignId));
  return { signatures: Number(row.n), imports: Number(imports.n) };
}

describe('importing paper signatures', () => {
  it('imports every kind of signer as confirmed paper signatures, with provenance and counts', async () => {
    const { caller, slug, id } = await openCampaign();
    const file = csv(
      HEADER,
      'individual,,Mahsa,Karimi,,,,,,,,,IR,,,',
      'notable,Prof.,Jane,Doe,"Former UN Special Rapporteur on X (2000-2008)",University of Geneva,,,,,,,CH,public,jane.doe@example.org,2026-03-01',
      'individual,,پرستو,امینی\u200Cزاده,,,,,,,,,IR,confidential,,',
      'organisation,,,,,,Friends of the Earth Geneva,special,foe.example.org,,,,CH,public,,',
      'group,,,,,,,,,Families of the disappeared,1112,relatives of the victims,IR,counted,,',
    );
    expect(await publicCount(slug)).toBe(0);

    const preview = await previewImport(caller, slug, { provenance, csv: file });
    expect(preview).toMatchObject({ rows: 5, errors: [], counts: { byKind: { individual: 2, notable: 1, organisation: 1, group: 1 }, people: 1116 } });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });

    const result = await importSignatures(caller, slug, { provenance, csv: file, fileName: 'geneva-vigil.csv' });
    expect(result.status).toBe('imported');
    const sha256 = createHash('sha256').update(file, 'utf8').digest('hex');
    expect(result).toMatchObject({ rows: 5, errors: [], import: { rows: 5, fileSha256: sha256, fileName: 'geneva-vigil.csv', importedBy: caller.email, ...provenance } });

    // Four people and one group of 1,112 families: five signatures, all counted, all paper.
    expect(await publicCount(slug)).toBe(5);
    const counts = (await getPublicCampaign(slug))!.signatureCounts;
    expect(counts).toMatchObject({ total: 5, paper: 5, online: 0, people: 1116, byKind: { individual: 2, notable: 1, organisation: 1, group: 1 } });

    const rows = await signersOf(id);
    expect(rows.every((row) => row.source === 'paper' && row.status === 'confirmed' && row.review === 'not-needed' && row.confirmedAt !== null)).toBe(true);
    expect(rows.every((row) => row.importId === (result.status === 'imported' && result.import.id) && row.consentVersion === 'paper' && row.consentLocale === 'en')).toBe(true);
    const byFamily = new Map(rows.map((row) => [row.familyName || row.organisationName || row.groupLabel, row]));
    // Paper signers did not choose online: unless the file says otherwise they are counted, not named.
    expect(byFamily.get('Karimi')).toMatchObject({ visibility: 'counted', email: null, emailIndex: null });
    expect(byFamily.get('Karimi')!.consentedAt.toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect(byFamily.get('Doe')).toMatchObject({ honorific: 'Prof.', visibility: 'public', email: 'jane.doe@example.org', affiliation: 'University of Geneva' });
    expect(byFamily.get('Doe')!.consentedAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(byFamily.get('امینی\u200Cزاده')).toMatchObject({ givenName: 'پرستو', visibility: 'confidential' });
    expect(byFamily.get('Friends of the Earth Geneva')).toMatchObject({ givenName: '', familyName: '', ecosocStatus: 'special', organisationWebsite: 'https://foe.example.org', organisationCountry: 'CH' });
    expect(byFamily.get('Families of the disappeared')).toMatchObject({ members: 1112, groupRelationship: 'relatives of the victims', visibility: 'counted' });

    const listed = await listImports(caller, slug);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ ...provenance, rows: 5, fileSha256: sha256, importedBy: caller.email });
  });

  it('refuses bad rows with their line and column, and writes nothing at all', async () => {
    const { caller, slug, id } = await openCampaign();
    const file = csv(
      'Given Name,family_name,country,kind,ecosoc_status,organisation',
      'Ana,Velez,FR,,,',
      'Ben,Okafor,,,,',
      'Chen,Li,XX,,,',
      ',,CH,organisation,observer,Human Rights Watch',
      'Dana,Ruiz,ES,volunteer,,',
      'Eli,"Ng, Jr.",SG,,,',
    );
    const before = await tally(id);
    const preview = await previewImport(caller, slug, { provenance, csv: file });
    const expected = [
      { line: 3, field: 'country', message: 'Country is required' },
      { line: 4, field: 'country', message: 'Choose a country from the list' },
      { line: 5, field: 'ecosoc_status', message: expect.stringContaining('ECOSOC status') },
      { line: 6, field: 'kind', message: expect.stringContaining('individual, notable, organisation or group') },
    ];
    expect(preview.rows).toBe(6);
    expect(preview.errors).toEqual(expected);

    const result = await importSignatures(caller, slug, { provenance, csv: file });
    expect(result).toMatchObject({ status: 'invalid', rows: 6, errors: expected });
    expect(await tally(id)).toEqual(before);
    expect(await publicCount(slug)).toBe(0);
  });

  it('names what is missing for each kind of signer', async () => {
    const { caller, slug } = await openCampaign();
    const file = csv('kind,given_name,family_name,organisation,ecosoc_status,members,country', 'individual,Ana,,,,,FR', 'organisation,,,,,,FR', 'group,,,,,,FR', 'individual,Ana,Velez,,,12,FR');
    const { errors } = await previewImport(caller, slug, { provenance, csv: file });
    expect(errors.map(({ line, field }) => `${line}:${field}`)).toEqual(['2:family_name', '3:organisation', '3:ecosoc_status', '4:members', '5:members']);
  });

  it('refuses unknown and repeated columns and a file without a country column, on line 1', async () => {
    const { caller, slug } = await openCampaign();
    const preview = await previewImport(caller, slug, { provenance, csv: csv('given_name,family_name,phone,given_name', 'Ana,Velez,123,Ana') });
    expect(preview.errors).toEqual([
      { line: 1, field: 'phone', message: expect.stringContaining('Unknown column "phone"') },
      { line: 1, field: 'given_name', message: 'The column "given_name" appears twice' },
      { line: 1, field: 'country', message: 'The column "country" is required' },
    ]);
  });

  it('refuses a letter’s kinds it does not take, as the sign form does', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const { errors } = await previewImport(caller, campaign.slug, { provenance, csv: csv('kind,organisation,ecosoc_status,country', 'organisation,Amnesty,special,GB') });
    expect(errors).toEqual([{ line: 2, field: 'kind', message: 'This letter does not take organisation signatures' }]);
  });

  it('counts each person once: repeated addresses in the file, and addresses that already signed online or on paper', async () => {
    const { caller, slug, id } = await openCampaign();
    const online = signInput();
    await signCampaign(slug, online, { locale: 'en' });
    await confirmSignature(await confirmationTokenFor(online.email));
    const paper = `${unique('paper')}@example.org`;
    await importSignatures(caller, slug, { provenance, csv: csv('given_name,family_name,country,email', `Ana,Velez,FR,${paper}`) });
    expect(await publicCount(slug)).toBe(2);
    const before = await tally(id);

    const file = csv(
      'given_name,family_name,country,email',
      'Rosa,Park,US,rosa@example.org',
      `Ana,Velez,FR,${online.email.toUpperCase()}`,
      'Rosa,Parks,US,Rosa+vigil@Example.org',
      `Ana,Velez,FR,${paper}`,
      'Tom,Hale,GB,',
      'Una,Hale,GB,',
    );
    const result = await importSignatures(caller, slug, { provenance: { ...provenance, description: 'Second batch' }, csv: file });
    expect(result.status).toBe('invalid');
    expect(result.errors).toEqual([
      { line: 3, field: 'email', message: expect.stringContaining('already signed this letter') },
      { line: 4, field: 'email', message: 'The same email address is already on line 2: each person signs once' },
      { line: 5, field: 'email', message: expect.stringContaining('already signed this letter') },
    ]);
    expect(await tally(id)).toEqual(before);
    expect(await publicCount(slug)).toBe(2);
  });

  it('imports a file once, even when it is submitted twice at the same moment', async () => {
    const { caller, slug, id } = await openCampaign();
    const file = csv('given_name,family_name,country', 'Ana,Velez,FR', 'Ben,Okafor,NG', 'Chen,Li,CN');
    const outcomes = await Promise.allSettled([importSignatures(caller, slug, { provenance, csv: file }), importSignatures(caller, slug, { provenance, csv: file })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value.status)).toEqual(['imported']);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'conflict', message: expect.stringContaining('already imported') });
    expect(await tally(id)).toEqual({ signatures: 3, imports: 1 });
    expect(await publicCount(slug)).toBe(3);

    // Later, the same file again (say, from the API after the dashboard): refused before anything is written.
    await expect(importSignatures(caller, slug, { provenance, csv: file })).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(previewImport(caller, slug, { provenance, csv: new Uint8Array(Buffer.from(file)) })).rejects.toMatchObject({ code: 'conflict' });
    expect(await tally(id)).toEqual({ signatures: 3, imports: 1 });
  });

  it('gives another organiser and a stranger the not-found of a missing campaign', async () => {
    const { slug, id } = await openCampaign();
    const other = await createOrganiser();
    const file = csv('given_name,family_name,country', 'Ana,Velez,FR');
    for (const caller of [other, null]) {
      await expect(previewImport(caller, slug, { provenance, csv: file })).rejects.toMatchObject({ code: 'not_found', status: 404 });
      await expect(importSignatures(caller, slug, { provenance, csv: file })).rejects.toMatchObject({ code: 'not_found', status: 404 });
      await expect(listImports(caller, slug)).rejects.toMatchObject({ code: 'not_found' });
      // Even a malformed request learns nothing more.
      await expect(importSignatures(caller, slug, { nonsense: true })).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(importSignatures(other, 'no-such-letter', { provenance, csv: file })).rejects.toMatchObject({ code: 'not_found' });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });
  });

  it('keeps formula-like cells as inert text and refuses direction overrides and broken characters', async () => {
    const { caller, slug, id } = await openCampaign();
    const formula = "=cmd|' /C calc'!A0";
    const ok = await importSignatures(caller, slug, { provenance, csv: csv('given_name,family_name,title,country,visibility', `"${formula}",Smith,@SUM(A1),FR,public`) });
    expect(ok.status).toBe('imported');
    const [row] = await signersOf(id);
    expect(row).toMatchObject({ givenName: formula, title: '@SUM(A1)' });

    const hostile = csv(
      'given_name,family_name,title,country',
      'Ana,Velez\u202Egnp.exe,,FR',
      'Ben,Okafor,Judge\u2066x\u2069,NG',
      'Chen,Li\uFFFD,,CN',
      '+++,---,,FR',
    );
    const result = await importSignatures(caller, slug, { provenance: { ...provenance, description: 'Hostile' }, csv: hostile });
    expect(result.errors).toEqual([
      { line: 2, field: 'family_name', message: 'Family name contains characters that are not allowed' },
      { line: 3, field: 'title', message: 'Title contains characters that are not allowed' },
      { line: 4, field: 'family_name', message: expect.stringContaining('broken characters') },
      { line: 5, field: 'given_name', message: 'Given name must contain letters or digits' },
      { line: 5, field: 'family_name', message: 'Family name must contain letters or digits' },
    ]);
    expect(await tally(id)).toEqual({ signatures: 1, imports: 1 });
  });

  it('refuses a file that is not UTF-8 instead of importing replacement characters', async () => {
    const { caller, slug, id } = await openCampaign();
    const latin1 = new Uint8Array([...Buffer.from('given_name,family_name,country\r\n'), ...Buffer.from('Ren\xe9,Dubois,FR\r\n', 'latin1')]);
    await expect(importSignatures(caller, slug, { provenance, csv: latin1 })).rejects.toMatchObject({
      code: 'validation',
      fields: { csv: [expect.stringMatching(/^Line 2 of the file has bytes that are not UTF-8/)] },
    });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });
  });

  it('checks the provenance: what, who, and a real date that is not in the future', async () => {
    const { caller, slug } = await openCampaign();
    const file = csv('given_name,family_name,country', 'Ana,Velez,FR');
    await expect(importSignatures(caller, slug, { provenance: { description: ' ', collectedBy: 'Team', collectedOn: '2026-02-30' }, csv: file })).rejects.toMatchObject({
      code: 'validation',
      fields: { description: expect.arrayContaining(['Description is required']), collectedOn: ['Collected on is not a real date'] },
    });
    await expect(importSignatures(caller, slug, { provenance: { ...provenance, collectedOn: '2999-01-01' }, csv: file })).rejects.toMatchObject({
      fields: { collectedOn: ['Collected on cannot be in the future'] },
    });
    await expect(importSignatures(caller, slug, { csv: file })).rejects.toMatchObject({ code: 'validation' });
  });

  it('holds imports to 20,000 rows and 5 MB, and says so', async () => {
    const { caller, slug, id } = await openCampaign();
    const many = csv('given_name,family_name,country', ...Array.from({ length: 20_001 }, (_, i) => `A${i},B,FR`));
    const { errors } = await previewImport(caller, slug, { provenance, csv: many });
    expect(errors).toEqual([{ line: 20_002, field: null, message: expect.stringContaining('at most 20,000 rows; this file has 20,001') }]);
    const big = csv('given_name,family_name,country,title', ...Array.from({ length: 20_000 }, (_, i) => `A${i},B,FR,${'x'.repeat(270)}`));
    await expect(previewImport(caller, slug, { provenance, csv: big })).rejects.toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('at most 5 MB') });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });
  });

  it('takes imports into draft and closed letters, where paper often arrives', async () => {
    for (const status of ['draft', 'closed'] as const) {
      const { caller, slug } = await openCampaign({ status });
      const result = await importSignatures(caller, slug, { provenance, csv: csv('given_name,family_name,country', 'Ana,Velez,FR') });
      expect(result.status).toBe('imported');
    }
  });
});

describe('the imports API', () => {
  const post = (slug: string, body: unknown) =>
    POST(new Request(`http://localhost/api/v1/campaigns/${slug}/imports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), {
      params: Promise.resolve({ slug }),
    });
  const get = (slug: string) => GET(new Request(`http://localhost/api/v1/campaigns/${slug}/imports`), { params: Promise.resolve({ slug }) });

  it('previews (200), refuses bad rows (422, a list), imports (201) once (409), and lists imports', async () => {
    const { caller, slug, id } = await openCampaign();
    session.caller = caller;
    const bad = csv('given_name,family_name,country', 'Ana,Velez,FR', 'Ben,Okafor,ZZ');
    const dry = await post(slug, { provenance, csv: bad, dryRun: true });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ rows: 2, errors: [{ line: 3, field: 'country', message: 'Choose a country from the list' }] });

    const refused = await post(slug, { provenance, csv: bad });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: 'validation' }, rows: 2, errors: [{ line: 3, field: 'country' }] });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });

    const noProvenance = await post(slug, { provenance: { description: 'Vigil' }, csv: bad });
    expect(noProvenance.status).toBe(422);
    expect((await noProvenance.json()).errors).toEqual([
      { line: null, field: 'collectedBy', message: 'Collected by is required' },
      { line: null, field: 'collectedOn', message: 'Collected on is required' },
    ]);

    const good = csv('given_name,family_name,country', 'Ana,Velez,FR', 'Ben,Okafor,NG');
    const created = await post(slug, { provenance, csv: good });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ rows: 2, errors: [], import: { rows: 2, ...provenance, fileSha256: createHash('sha256').update(good).digest('hex') } });

    const again = await post(slug, { provenance, csv: good });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toContain('already imported');

    const listed = await get(slug);
    expect(listed.status).toBe(200);
    expect((await listed.json()).imports).toEqual([body.import]);
  });

  it('answers another organiser 404 and a visitor without credentials 401, whatever the body', async () => {
    const { slug } = await openCampaign();
    for (const [caller, status] of [[await createOrganiser(), 404], [null, 401]] as const) {
      session.caller = caller;
      expect((await post(slug, { provenance, csv: csv('country', 'FR') })).status).toBe(status);
      expect((await post(slug, { provenance, csv: csv('country', 'FR'), dryRun: true })).status).toBe(status);
      expect((await post(slug, { what: 'ever' })).status).toBe(status);
      expect((await get(slug)).status).toBe(status);
    }
  });
});

describe('the dashboard form', () => {
  const idle: ImportFormState = { status: 'idle', values: { description: '', collectedBy: '', collectedOn: '' } };

  /** The form as a browser posts it: multipart, the file as a file part. */
  async function submit(slug: string, fields: Record<string, string>, file?: { name: string; text: string }) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set('file', file ? new File([file.text], file.name, { type: 'text/csv' }) : new File([], '', { type: 'application/octet-stream' }));
    const posted = await new Request('http://localhost/', { method: 'POST', body: form }).formData();
    return importAction(slug, idle, posted);
  }

  it('checks first, imports only the file it checked, and only once', async () => {
    const { caller, slug, id } = await openCampaign();
    session.caller = caller;
    const file = { name: 'vigil.csv', text: csv('given_name,family_name,country', 'Ana,Velez,FR', 'Parisa,Rahimi,IR') };

    expect(await submit(slug, { ...provenance, intent: 'preview' })).toMatchObject({ status: 'refused', reason: 'noFile' });
    const preview = await submit(slug, { ...provenance, intent: 'preview' }, file);
    expect(preview).toMatchObject({ status: 'preview', rows: 2, problems: [], fileName: 'vigil.csv', counts: { byKind: { individual: 2 } } });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });
    const sha256 = preview.status === 'preview' ? preview.sha256 : '';

    // Another file under the checked file's hash is not imported.
    const other = { name: 'vigil.csv', text: csv('given_name,family_name,country', 'Someone,Else,FR') };
    expect(await submit(slug, { ...provenance, intent: 'import', sha256 }, other)).toMatchObject({ status: 'refused', reason: 'changed' });
    expect(await tally(id)).toEqual({ signatures: 0, imports: 0 });

    expect(await submit(slug, { ...provenance, intent: 'import', sha256 }, file)).toMatchObject({ status: 'imported', rows: 2, fileName: 'vigil.csv' });
    expect(await submit(slug, { ...provenance, intent: 'import', sha256 }, file)).toMatchObject({ status: 'refused', reason: 'duplicate' });
    expect(await tally(id)).toEqual({ signatures: 2, imports: 1 });
    expect((await listImports(caller, slug))[0]).toMatchObject({ fileName: 'vigil.csv', fileSha256: sha256 });
  });

  it('shows each problem with its line and column, and the provenance that is missing', async () => {
    const { caller, slug } = await openCampaign();
    session.caller = caller;
    const bad = { name: 'bad.csv', text: csv('given_name,family_name,country', 'Ana,,FR') };
    expect(await submit(slug, { ...provenance, intent: 'preview' }, bad)).toMatchObject({
      status: 'preview',
      sha256: expect.any(String),
      problems: [{ line: 2, field: 'family_name', message: 'Family name is required' }],
    });
    expect(await submit(slug, { description: 'Vigil', collectedBy: '', collectedOn: '', intent: 'preview' }, bad)).toMatchObject({
      status: 'refused',
      reason: 'invalid',
      values: { description: 'Vigil' },
      problems: [
        { line: null, field: 'collectedBy', message: 'Collected by is required' },
        { line: null, field: 'collectedOn', message: 'Collected on is required' },
      ],
    });
  });
});
