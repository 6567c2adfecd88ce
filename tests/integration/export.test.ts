import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { signatures } from '@/db/schema';
import { SIGNATORY_COLUMNS, WITHHELD } from '@/lib/documents/signatory-table';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { confirmationTokenFor, createPublishedCampaign, signInput } from '../helpers/fixtures';
import { documentBytes, documentText } from '../helpers/read-document';
import { sealedColumns } from '../helpers/signers';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const csvOf = (caller: Caller, slug: string) => documentText(caller, slug, 'csv');

async function signAndConfirm(slug: string, overrides: Record<string, unknown>) {
  const input = signInput(overrides);
  await signCampaign(slug, input, { locale: 'en' });
  await confirmSignature(await confirmationTokenFor(input.email));
}

describe('CSV export of signatories', () => {
  it('starts with a BOM and a header, lists confirmed signers only, and withholds the counted ones', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug, { givenName: 'Helena', familyName: 'Marsh', title: 'Judge, Supreme Court', country: 'GB' });
    await signAndConfirm(campaign.slug, { givenName: 'Secret', familyName: 'Signer', visibility: 'counted', country: 'IR' });
    await signCampaign(campaign.slug, signInput({ givenName: 'Pending' }), { locale: 'en' });

    const csv = await csvOf(caller, campaign.slug);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(SIGNATORY_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1,Helena Marsh,Individual,,Helena,Marsh,"Judge, Supreme Court",,,,,1,United Kingdom,GB,Online,,1,\d{4}-\d{2}-\d{2}$/);
    expect(lines[2]).toMatch(new RegExp(`^2,${WITHHELD},Individual,,,,,,,,,1,,,Online,,1,\\d{4}-\\d{2}-\\d{2}$`));
    expect(csv).not.toContain('Secret');
    expect(csv).not.toContain('IR');
    expect(csv).not.toContain('Pending');
    expect(csv).not.toContain('@');
  });

  it('keeps hostile names as inert text', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    await signAndConfirm(campaign.slug, { givenName: '=HYPERLINK("http://evil.example","click")', familyName: 'X' });
    await signAndConfirm(campaign.slug, { givenName: '@SUM(A1)', familyName: 'Y', title: '+cmd|calc' });
    const csv = await csvOf(caller, campaign.slug);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") X"`);
    expect(csv).toContain(`2,'@SUM(A1) Y,Individual,,'@SUM(A1),Y,'+cmd|calc,`);
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
  });

  it('streams large lists in pages without repeating or losing a row', async () => {
    const { caller, campaign } = await createPublishedCampaign();
    const db = await getDb();
    const total = 2_345;
    // Many signers confirmed in the same instant: the cursor must still not repeat or skip.
    const signers = await Promise.all(
      Array.from({ length: total }, (_, i) => sealedColumns(campaign.id, { givenName: `Given${i}`, familyName: `Family${i}`, email: `bulk${i}@example.org` })),
    );
    await db.insert(signatures).values(
      signers.map((sealed) => ({
        campaignId: campaign.id,
        ...sealed,
        country: 'FR',
        visibility: 'public' as const,
        consentVersion: 'test',
        consentLocale: 'en',
        consentedAt: sql`now()`,
        status: 'confirmed' as const,
        confirmedAt: sql`now()`,
      })),
    );
    const text = (await documentBytes(caller, campaign.slug, 'csv')).toString('utf8');
    const rows = text.trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.split(',')[1])).size).toBe(total);
    const confirmedCount = await db.$count(signatures, eq(signatures.campaignId, campaign.id));
    expect(confirmedCount).toBe(total);
  });
});
