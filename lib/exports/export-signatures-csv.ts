// Superseded by lib/documents/csv/write-csv.ts (a DocumentWriter over readSignatories); kept until the route uses it.
import { sql } from 'drizzle-orm';
import { getDb, resultRows } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignAccess } from '@/lib/campaigns/require-campaign-access';
import { countryName } from '@/lib/countries/country-codes';
import { isCounted } from '@/lib/signatures/counted';
import { csvRow, UTF8_BOM } from '@/lib/documents/csv/csv-cell';

const PAGE = 1_000;
export const WITHHELD = 'Name withheld at the signatory’s request';

type ExportRow = {
  id: string;
  cursor: string;
  date: string;
  named: boolean;
  given_name: string;
  family_name: string;
  title: string | null;
  country: string;
};

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
      // Raw rows, with the date and the naming decision made by PostgreSQL: at a million rows,
      // building Date objects and mapping fields in JavaScript took most of the time.
      const result = await db.execute(sql`
        select ${signatures.id} as id, ${signatures.confirmedAt}::text as cursor,
          to_char(${signatures.confirmedAt} at time zone 'UTC', 'YYYY-MM-DD') as date,
          (${signatures.visibility} = 'public' and ${signatures.nameHiddenAt} is null) as named,
          ${signatures.givenName} as given_name, ${signatures.familyName} as family_name,
          ${signatures.title} as title, ${signatures.country} as country
        from ${signatures}
        where ${signatures.campaignId} = ${campaign.id} and ${isCounted}
          ${after ? sql`and (${signatures.confirmedAt}, ${signatures.id}) > (${after.confirmedAt}::timestamptz, ${after.id}::uuid)` : sql``}
        order by ${signatures.confirmedAt}, ${signatures.id}
        limit ${PAGE}`);
      const rows = resultRows<ExportRow>(result);
      if (rows.length === 0) return;
      let chunk = '';
      for (const row of rows) {
        number += 1;
        chunk += row.named
          ? csvRow([number, `${row.given_name} ${row.family_name}`, row.title, nameOf(row.country), row.country, row.date])
          : csvRow([number, WITHHELD, '', '', '', row.date]);
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
