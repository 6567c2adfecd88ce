import { sql, type SQL } from 'drizzle-orm';
import { getDb, resultRows } from '@/db/client';
import { signatures } from '@/db/schema';
import type { EcosocStatus, SignerKind } from '@/db/schema/campaigns';
import { findCampaignKey, type CampaignKey } from '@/lib/crypto/campaign-keys';
import { isCounted } from '@/lib/signatures/counted';
import { emptySigner, openSignerOrThrow, openSignersOrThrow, type SignerData } from '@/lib/signatures/signer-data';
import type { SignatoryScope } from './filters';
import { emptySignatoryCounts, sectionOf, SECTIONS, type ReviewState, type Section, type Signatory, type SignatoryCounts } from './signatory';

const PAGE = 1_000;

type Row = {
  id: string;
  cursor: string;
  named: boolean;
  kind: SignerKind;
  source: 'online' | 'paper';
  review: ReviewState;
  /** The sealed unit, only for rows to be named: a withheld line never even carries it. */
  pii: Uint8Array | null;
  ecosoc_status: EcosocStatus | null;
  members: number;
  country: string;
  version_number: number;
};

// Named in documents for the addressees: chose public or confidential, and no organiser hid the name.
const isNamed = sql`(${signatures.visibility} <> 'counted' and ${signatures.nameHiddenAt} is null)`;
// An organisation's own country when it gave one, else its contact's.
const documentCountry = sql`coalesce(${signatures.organisationCountry}, ${signatures.country})`;
function sectionCondition(section: Section): SQL {
  if (section === 'paper') return sql`${signatures.source} = 'paper'`;
  const online = sql`${signatures.source} = 'online'`;
  if (section.startsWith('organisation-')) {
    const status = section.slice('organisation-'.length);
    return sql`${online} and ${signatures.kind} = 'organisation' and coalesce(${signatures.ecosocStatus}::text, 'none') = ${status}`;
  }
  return sql`${online} and ${signatures.kind} = ${section}::signer_kind`;
}

/** The rows a document may hold: counted (see counted.ts), never rejected, and the filters. */
function filterConditions(campaignId: string, filters: SignatoryScope): SQL {
  const parts: SQL[] = [sql`${signatures.campaignId} = ${campaignId}::uuid`, isCounted];
  parts.push(filters.reviewed === 'only' ? sql`${signatures.review} in ('not-needed', 'approved')` : sql`${signatures.review} <> 'rejected'`);
  if (filters.kind) parts.push(sql`${signatures.kind} = ${filters.kind}::signer_kind`);
  if (filters.source !== 'all') parts.push(sql`${signatures.source} = ${filters.source}::signature_source`);
  if (filters.country) parts.push(sql`${documentCountry} = ${filters.country}`);
  if (filters.from) parts.push(sql`${signatures.confirmedAt} >= ${filters.from}::date::timestamp at time zone 'UTC'`);
  if (filters.to) parts.push(sql`${signatures.confirmedAt} < (${filters.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (filters.confirmedBefore) parts.push(sql`${signatures.confirmedAt} <= ${filters.confirmedBefore}::timestamptz`);
  return sql.join(parts, sql` and `);
}

// The cursor is the confirmation time in UTC to the microsecond, as text (a JS Date would drop
// the microseconds and repeat rows); its first ten characters are the date documents print.
const columns = sql`${signatures.id} as id,
  to_char(${signatures.confirmedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as cursor,
  ${isNamed} as named, ${signatures.kind} as kind, ${signatures.source} as source,
  ${signatures.review} as review, case when ${isNamed} then ${signatures.pii} end as pii,
  ${signatures.ecosocStatus} as ecosoc_status, ${signatures.members} as members,
  ${documentCountry} as country, ${signatures.versionNumber} as version_number`;

/**
 * THE reader of who signed, for every document: it applies visibility, review state and the
 * filters, and pages through the rows by keyset (never all at once). A signatory who is not
 * to be named comes out with every identifying field already null: their sealed data is not even
 * read. A named one's is opened here, once per row; if the campaign's key is gone, this throws
 * (fail closed: a document never comes out with names silently missing).
 *
 * `date` order is by confirmation; `section` order follows the annex: each section's named
 * signatories country by country (in `countryOrder`, e.g. by name in the document's language;
 * else by code), then its withheld ones by date, so a withheld line's position cannot hint at
 * a country. Every page is an index range: a country's rows by date, never a sort of the whole.
 */
export async function* readSignatories(
  campaignId: string,
  filters: SignatoryScope,
  options: { order?: 'date' | 'section'; pageSize?: number; countryOrder?: readonly string[] } = {},
): AsyncGenerator<Signatory[]> {
  const where = filterConditions(campaignId, filters);
  const pageSize = options.pageSize ?? PAGE;
  // Read, never made: a campaign whose key was destroyed fails closed on its first named row.
  const key = await findCampaignKey(await getDb(), campaignId);
  let number = 0;
  const signatories = async function* (where: SQL): AsyncGenerator<Signatory[]> {
    for await (const page of openedPages(keysetPages(where, pageSize), key)) yield page.rows.map((row, i) => toSignatory(row, page.signers[i], ++number));
  };
  if ((options.order ?? 'date') === 'date') {
    yield* signatories(where);
    return;
  }
  const rank = new Map((options.countryOrder ?? []).map((code, index) => [code, index]));
  const byRank = (a: string, b: string) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  for (const section of SECTIONS) {
    const inSection = sql`${where} and ${sectionCondition(section)}`;
    for (const country of (await countriesIn(sql`${inSection} and ${isNamed}`)).sort(byRank)) {
      const condition = sql`${inSection} and ${isNamed} and ${countryCondition(section, country)}`;
      yield* signatories(condition);
    }
    yield* signatories(sql`${inSection} and not ${isNamed}`);
  }
}

/** The countries present among these rows (an aggregate over the campaign's index). */
async function countriesIn(where: SQL): Promise<string[]> {
  const db = await getDb();
  const rows = resultRows<{ country: string }>(await db.execute(sql`select distinct ${documentCountry} as country from ${signatures} where ${where}`));
  return rows.map((row) => row.country);
}

// Only organisations have a country of their own; for everyone else the plain column keeps the index usable.
function countryCondition(section: Section, country: string): SQL {
  return section.startsWith('organisation-') || section === 'paper'
    ? sql`${documentCountry} = ${country}`
    : sql`${signatures.country} = ${country}`;
}

async function* keysetPages(where: SQL, pageSize: number): AsyncGenerator<Row[]> {
  const db = await getDb();
  const page = async (after?: { cursor: string; id: string }): Promise<Row[]> => {
    const keyset = after ? sql`and (${signatures.confirmedAt}, ${signatures.id}) > (${after.cursor}::timestamp at time zone 'UTC', ${after.id}::uuid)` : sql``;
    return resultRows<Row>(
      await db.execute(sql`select ${columns} from ${signatures} where ${where} ${keyset} order by ${signatures.confirmedAt}, ${signatures.id} limit ${pageSize}`),
    );
  };
  // The next page is asked for before this one is handed on, so the database reads it while this
  // one is decrypted and written (a consumer that stops early leaves a read nobody awaits: caught).
  let next: Promise<Row[]> | undefined = page();
  while (next) {
    const rows: Row[] = await next;
    next = undefined;
    if (rows.length === pageSize) {
      const last = rows[rows.length - 1];
      next = page({ cursor: last.cursor, id: last.id });
      next.catch(() => {});
    }
    if (rows.length > 0) yield rows;
  }
}

type OpenedPage = { rows: Row[]; signers: (SignerData | null)[] };

/**
 * Each page's named rows opened, one sealed unit per row (never field by field), one page ahead:
 * the next page is decrypted (in a worker) while this one is written.
 */
async function* openedPages(pages: AsyncIterable<Row[]>, key: CampaignKey | null): AsyncGenerator<OpenedPage> {
  let pending: Promise<OpenedPage> | undefined;
  for await (const rows of pages) {
    const next = openPage(rows, key);
    next.catch(() => {});
    if (pending) yield await pending;
    pending = next;
  }
  if (pending) yield await pending;
}

async function openPage(rows: Row[], key: CampaignKey | null): Promise<OpenedPage> {
  const sealed = rows.flatMap((row) => (row.named && row.pii ? [row.pii] : []));
  const opened = await openSignersOrThrow(key, sealed);
  let next = 0;
  return { rows, signers: rows.map((row) => (row.named ? (row.pii ? opened[next++] : emptySigner()) : null)) };
}

/** One row into a signatory: a withheld one gets no identifying field, because it has none. */
function toSignatory(row: Row, signer: SignerData | null, number: number): Signatory {
  const named = row.named;
  return {
    number,
    section: sectionOf({ source: row.source, kind: row.kind, ecosocStatus: row.ecosoc_status }),
    kind: row.kind,
    source: row.source,
    named,
    review: row.review,
    honorific: signer ? signer.honorific : null,
    givenName: signer ? signer.givenName || null : null,
    familyName: signer ? signer.familyName || null : null,
    title: signer ? signer.title : null,
    affiliation: signer ? signer.affiliation : null,
    organisationName: signer ? signer.organisationName : null,
    ecosocStatus: named ? row.ecosoc_status : null,
    website: signer ? signer.organisationWebsite : null,
    groupLabel: signer ? signer.groupLabel : null,
    groupRelationship: signer ? signer.groupRelationship : null,
    members: Number(row.members),
    country: named ? row.country : null,
    date: row.cursor.slice(0, 10),
    versionNumber: Number(row.version_number),
  };
}

/**
 * Throws the clear 409 when the campaign's signers can no longer be opened (its key destroyed),
 * so a document refuses before its first byte instead of breaking off midway.
 */
export async function assertSignatoriesReadable(campaignId: string): Promise<void> {
  const db = await getDb();
  const [row] = resultRows<{ pii: Uint8Array }>(
    await db.execute(sql`select ${signatures.pii} as pii from ${signatures} where ${signatures.campaignId} = ${campaignId}::uuid and ${signatures.pii} is not null limit 1`),
  );
  if (row) openSignerOrThrow(await findCampaignKey(db, campaignId), row.pii);
}

/** How many signatories a document with these filters holds, by kind, source and version. */
export async function countSignatories(campaignId: string, filters: SignatoryScope): Promise<SignatoryCounts> {
  const db = await getDb();
  const rows = resultRows<{ kind: SignerKind; source: 'online' | 'paper'; version: number; named: boolean; pending: boolean; n: number; people: number }>(
    await db.execute(sql`
      select ${signatures.kind} as kind, ${signatures.source} as source, ${signatures.versionNumber} as version,
        ${isNamed} as named, (${signatures.review} = 'pending') as pending, count(*)::int as n, sum(${signatures.members})::int as people
      from ${signatures} where ${filterConditions(campaignId, filters)}
      group by 1, 2, 3, 4, 5`),
  );
  const counts = emptySignatoryCounts();
  for (const row of rows) {
    const n = Number(row.n);
    counts.total += n;
    counts.people += Number(row.people);
    counts[row.named ? 'named' : 'withheld'] += n;
    counts[row.source] += n;
    if (row.pending) counts.unreviewed += n;
    counts.byKind[row.kind] += n;
    counts.byVersion[Number(row.version)] = (counts.byVersion[Number(row.version)] ?? 0) + n;
  }
  return counts;
}

/** One included signature as a delivery's manifest and commitments see it: no name, no address. */
export type DeliveredSignature = {
  id: string;
  receiptHash: string;
  kind: SignerKind;
  country: string;
  source: 'online' | 'paper';
  visibility: 'public' | 'confidential' | 'counted';
  /** Named on the public page: chose public, reviewed if it needed review, and not hidden by an organiser. */
  publiclyNamed: boolean;
};

/**
 * Exactly the signatures the documents of these filters hold (the same conditions), in id order,
 * for a delivery's commitments and counts. One statement, so one consistent snapshot.
 */
export async function listDeliveredSignatures(campaignId: string, filters: SignatoryScope): Promise<DeliveredSignature[]> {
  const db = await getDb();
  const rows = resultRows<{
    id: string;
    receipt_hash: string;
    kind: SignerKind;
    country: string;
    source: 'online' | 'paper';
    visibility: DeliveredSignature['visibility'];
    publicly_named: boolean;
  }>(
    await db.execute(sql`
      select ${signatures.id} as id, ${signatures.receiptHash} as receipt_hash, ${signatures.kind} as kind,
        ${documentCountry} as country, ${signatures.source} as source, ${signatures.visibility} as visibility,
        (${signatures.visibility} = 'public' and ${signatures.nameHiddenAt} is null and ${signatures.review} in ('not-needed', 'approved')) as publicly_named
      from ${signatures} where ${filterConditions(campaignId, filters)} order by ${signatures.id}`),
  );
  return rows.map((row) => ({
    id: row.id,
    receiptHash: row.receipt_hash,
    kind: row.kind,
    country: row.country,
    source: row.source,
    visibility: row.visibility,
    publiclyNamed: Boolean(row.publicly_named),
  }));
}
