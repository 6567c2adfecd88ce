import { describe, expect, it } from 'vitest';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { listVersions } from '@/lib/campaigns/list-versions';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { listPublicSigners } from '@/lib/signatures/list-public-signers';
import { reviewSignature } from '@/lib/signatures/review-signature';
import { createOrganiser, createPublishedCampaign, signAndConfirm, unique } from '../helpers/fixtures';
import { documentBytes, documentText } from '../helpers/read-document';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const kinds = ['individual', 'notable', 'organisation', 'group'] as const;
const FORMATS = ['csv', 'xlsx', 'pdf', 'json'] as const;


describe('who appears in which document', () => {
  it('names public and confidential signers in every document, counted ones in none, and confidential ones nowhere public', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...kinds] });
    const tag = unique('t').slice(2);
    const publicSigner = await signAndConfirm(campaign.slug, { givenName: 'Publica', familyName: `Visible${tag}`, country: 'GB' });
    const confidential = await signAndConfirm(campaign.slug, { givenName: 'Confida', familyName: `Secreta${tag}`, country: 'IR', visibility: 'confidential' });
    const counted = await signAndConfirm(campaign.slug, { givenName: 'Contada', familyName: `Oculta${tag}`, country: 'IR', visibility: 'counted' });
    const group = await signAndConfirm(campaign.slug, { kind: 'group', givenName: 'Grupo', familyName: `Contacto${tag}`, group: { label: `Family of K${tag}`, members: 5 }, visibility: undefined });
    const pending = await signAndConfirm(campaign.slug, { kind: 'notable', givenName: 'Pendiente', familyName: `Notable${tag}`, title: 'Judge', visibility: 'confidential' });

    for (const format of FORMATS) {
      const text = await documentText(caller, campaign.slug, format);
      expect(text, format).toContain(publicSigner.familyName);
      expect(text, format).toContain(confidential.familyName);
      expect(text, format).not.toContain(counted.familyName);
      expect(text, format).not.toContain(group.familyName);
      expect(text, format).not.toContain(`Family of K${tag}`);
      expect(text, format).not.toContain(pending.familyName);
      for (const signer of [publicSigner, confidential, counted, group, pending]) expect(text, format).not.toContain(signer.input.email);
      const withUnreviewed = await documentText(caller, campaign.slug, format, { reviewed: 'all' });
      expect(withUnreviewed, format).toContain(pending.familyName);
      expect(withUnreviewed.toLowerCase(), format).toMatch(/unreviewed|pending/);
    }

    const publicView = JSON.stringify(await getPublicCampaign(campaign.slug));
    const publicList = JSON.stringify(await listPublicSigners(campaign.id));
    expect(publicList).toContain(publicSigner.familyName);
    for (const hidden of [confidential, counted, group, pending]) {
      expect(publicList).not.toContain(hidden.familyName);
      expect(publicView).not.toContain(hidden.familyName);
    }
    // All five count: the unreviewed notable too (named nowhere until approved).
    const counts = (await getPublicCampaign(campaign.slug))!;
    expect(counts.signatureCount).toBe(counts.signatureCounts.total);
  });

  it('states the letter versions and their fingerprints, and filters by country and kind', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { signerKinds: [...kinds] });
    const before = await signAndConfirm(campaign.slug, { givenName: 'Before', familyName: 'Edit', country: 'FR' });
    const edited = await updateCampaign(caller, campaign.slug, { letter: 'Excellency,\n\nA corrected text.' });
    expect(edited.version.number).toBe(2);
    const after = await signAndConfirm(campaign.slug, { kind: 'notable', givenName: 'After', familyName: 'Edit', country: 'KE', visibility: 'public' });
    await reviewSignature(caller, campaign.slug, after.id, { decision: 'approve' });

    const versions = await listVersions(campaign.slug);
    expect(versions?.current).toBe(2);
    expect(versions?.versions.map((v) => [v.number, v.sha256, v.signatures])).toEqual([
      [1, campaign.version.sha256, 1],
      [2, edited.version.sha256, 1],
    ]);
    expect(versions?.versions[0].letter).toBe(campaign.letter);

    const json = JSON.parse(await documentText(caller, campaign.slug, 'json'));
    expect(JSON.stringify(json)).toContain(edited.version.sha256);
    expect(JSON.stringify(json)).toContain(campaign.version.sha256);
    const pdf = await documentText(caller, campaign.slug, 'pdf');
    expect(pdf).toContain(edited.version.sha256);

    const kenya = await documentText(caller, campaign.slug, 'csv', { country: 'KE' });
    expect(kenya).toContain('After');
    expect(kenya).not.toContain(before.givenName);
    const notables = await documentText(caller, campaign.slug, 'csv', { kind: 'notable' });
    expect(notables).toContain('After');
    expect(notables).not.toContain('Before');
    await expect(documentBytes(caller, campaign.slug, 'csv', { kind: 'robot' })).rejects.toMatchObject({ status: 422, fields: { kind: expect.any(Array) } });
    await expect(documentBytes(caller, campaign.slug, 'csv', { from: '2026-05-01', to: '2026-04-01' })).rejects.toMatchObject({ status: 422 });
  });

  it('prints countries in the annex in alphabetical order of their names in the letter’s language', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    for (const [country, name] of [['GB', 'Uma'], ['CH', 'Sven'], ['DE', 'Dora'], ['AT', 'Anna']]) {
      await signAndConfirm(campaign.slug, { givenName: name, familyName: 'Order', country });
    }
    const pdf = (await documentText(caller, campaign.slug, 'pdf')).replace(/\s+/g, ' ');
    const at = (text: string) => pdf.indexOf(text, pdf.indexOf('Annex'));
    // By name: Austria, Germany, Switzerland, United Kingdom (by code it would be AT, CH, DE, GB).
    const order = ['Anna Order', 'Dora Order', 'Sven Order', 'Uma Order'].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('is refused to strangers with the 404 of a letter that does not exist', async () => {
    const { campaign } = await createPublishedCampaign();
    const stranger = await createOrganiser();
    for (const format of [...FORMATS, 'docx']) {
      await expect(documentBytes(stranger, campaign.slug, format)).rejects.toMatchObject({ status: 404 });
      await expect(documentBytes(null, campaign.slug, format)).rejects.toMatchObject({ status: 404 });
    }
  });
});

describe('the HRC joint written statement', () => {
  const hrc = {
    session: 62,
    agendaItem: 4,
    sessionStartsOn: '2027-03-01',
    submitter: { name: 'Coalition for Press Freedom', ecosocStatus: 'special' as const },
    contact: { name: 'Mira Tan', email: 'mira@example.org' },
  };

  it('puts confidential organisations in the Word file, leaves counted ones out, and names supporters in the footnote', async () => {
    const { caller, campaign } = await createPublishedCampaign(undefined, { kind: 'hrc-statement', signerKinds: ['organisation'], hrc, addressees: [] });
    const org = (name: string, ecosocStatus: string, visibility: string) =>
      signAndConfirm(campaign.slug, { kind: 'organisation', organisation: { name, ecosocStatus }, visibility });
    const rows = [
      await org('Ligue des Droits de l’Homme', 'general', 'confidential'),
      await org('Roster-Watch Initiative', 'roster', 'public'),
      await org('Quiet Friends', 'none', 'counted'),
      await org('Alpha & Omega Solidarity', 'none', 'public'),
    ];
    for (const row of rows) if (row.review === 'pending') await reviewSignature(caller, campaign.slug, row.id, { decision: 'approve' });
    const text = await documentText(caller, campaign.slug, 'docx');
    expect(text).toContain('Ligue des Droits de l’Homme');
    expect(text).toContain('Roster-Watch Initiative');
    expect(text).toContain('Alpha & Omega Solidarity also shares the views expressed in this statement');
    expect(text).not.toContain('Quiet Friends');
    for (const row of rows) expect(text).not.toContain(row.input.email);
  });

  it('refuses the export with the exact reason when the statement is over the limit', async () => {
    const letter = Array.from({ length: 1_600 }, (_, i) => `word${i}`).join(' ');
    const { caller, campaign } = await createPublishedCampaign(undefined, { kind: 'hrc-statement', signerKinds: ['organisation'], hrc, addressees: [], letter });
    for (const format of ['docx', 'pdf']) {
      await expect(documentBytes(caller, campaign.slug, format)).rejects.toMatchObject({ status: 422, message: expect.stringContaining('1,500 words') });
    }
    // The lists of signatories are not the statement: they still export.
    expect((await documentBytes(caller, campaign.slug, 'csv')).length).toBeGreaterThan(0);
  });

  it('offers the Word file only for HRC statements', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await expect(documentBytes(caller, campaign.slug, 'docx')).rejects.toMatchObject({ status: 422 });
    await expect(documentBytes(caller, campaign.slug, 'odt')).rejects.toMatchObject({ status: 404 });
  });
});
