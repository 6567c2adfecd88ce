import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignAccess } from '@/lib/campaigns/require-campaign-access';
import { countryName } from '@/lib/countries/country-codes';
import { isCounted } from '@/lib/signatures/counted';
import { csvRow, UTF8_BOM } from './csv';

const PAGE = 1_000;
export const WITHHELD = 'Name withheld at the signatory’s request';

export const CSV_HEADER = ['No.', 'Name', 'Title / affiliation', 'Country', 'Country code', 'Date confirmed (UTC)'];

/**
 * The confirmed signatories as CSV, for the addressees. Signers who chose to be counted but
 * not named appear as a numbered row with their name, title and country withheld, so the
 * total matches the public count and nobody is named against their choice.
 * Rows are read page by page (keyset on confirmation time and id), never all at once.
 */
export async function exportSignaturesCsv(
  caller: Caller | null,
  slug: string,
): Promise<{ filename: string; chunks: AsyncGenerator<string> }> {
  const campaign = await requireCampaignAccess(caller, slug);
  const db = await getDb();
  const locale = 'en';
  // A million rows name only a few hundred countries: each name is looked up once.
  const names = new Map<string, string>();
  const nameOf = (code: string) => names.get(code) ?? names.set(code, countryName(code, locale)).get(code)!;

  async function* chunks(): AsyncGenerator<string> {
    yield UTF8_BOM + csvRow(CSV_HEADER);
    let number = 0;
    // The cursor keeps the timestamp as text: a JS Date would drop the microseconds and repeat rows.
    let after: { confirmedAt: string; id: string } | undefined;
    for (;;) {
      const conditions: SQL[] = [eq(signatures.campaignId, campaign.id), eq(signatures.status, 'confirmed'), isCounted];
      if (after) {
        conditions.push(sql`(${signatures.confirmedAt}, ${signatures.id}) > (${after.confirmedAt}::timestamptz, ${after.id}::uuid)`);
      }
      const rows = await db
        .select({
          id: signatures.id,
          givenName: signatures.givenName,
          familyName: signatures.familyName,
          title: signatures.title,
          country: signatures.country,
          visibility: signatures.visibility,
          nameHiddenAt: signatures.nameHiddenAt,
          confirmedAt: signatures.confirmedAt,
          cursor: sql<string>`${signatures.confirmedAt}::text`,
        })
        .from(signatures)
        .where(and(...conditions))
        .orderBy(asc(signatures.confirmedAt), asc(signatures.id))
        .limit(PAGE);
      if (rows.length === 0) return;
      let chunk = '';
      for (const row of rows) {
        number += 1;
        const date = row.confirmedAt!.toISOString().slice(0, 10);
        chunk +=
          row.visibility === 'public' && !row.nameHiddenAt
            ? csvRow([number, `${row.givenName} ${row.familyName}`, row.title, nameOf(row.country), row.country, date])
            : csvRow([number, WITHHELD, '', '', '', date]);
      }
      yield chunk;
      const last = rows[rows.length - 1];
      after = { confirmedAt: last.cursor, id: last.id };
      if (rows.length < PAGE) return;
    }
  }

  const stamp = new Date().toISOString().slice(0, 10);
  return { filename: `${campaign.slug}-signatories-${stamp}.csv`, chunks: chunks() };
}
