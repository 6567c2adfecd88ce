import { eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { findCampaignKey, getCampaignKey } from '@/lib/crypto/campaign-keys';
import { emailIndex } from '@/lib/crypto/email-index';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
import { openSigner, signerColumns, signerData, type SignerData } from '@/lib/signatures/signer-data';

type Row = typeof signatures.$inferSelect;
/** A stored signature with its sealed data opened (the plaintext columns are no longer written). */
export type OpenedSigner = Omit<Row, keyof SignerData> & SignerData;

async function opened(row: Row): Promise<OpenedSigner> {
  const key = await findCampaignKey(await getDb(), row.campaignId);
  if (!key) throw new Error('the campaign has no key');
  return { ...row, ...openSigner(key, row.pii) };
}

/** One signature by id, decrypted. */
export async function readSigner(id: string): Promise<OpenedSigner | undefined> {
  const [row] = await (await getDb()).select().from(signatures).where(eq(signatures.id, id));
  return row && opened(row);
}

/** The signature of an address, in whichever campaign of this database it signed (found by each campaign's email index). */
export async function findSigner(email: string): Promise<OpenedSigner | undefined> {
  const db = await getDb();
  const canonical = canonicaliseEmail(email);
  const campaignIds = await db.selectDistinct({ id: signatures.campaignId }).from(signatures);
  const indexes: string[] = [];
  for (const { id } of campaignIds) {
    const key = await findCampaignKey(db, id);
    if (key) indexes.push(emailIndex(key, canonical));
  }
  if (!indexes.length) return undefined;
  const [row] = await db.select().from(signatures).where(inArray(signatures.emailIndex, indexes));
  return row && opened(row);
}

/** The id of an address's signature (throws if there is none). */
export async function signatureIdOf(email: string): Promise<string> {
  const found = await findSigner(email);
  if (!found) throw new Error('no signature for that address');
  return found.id;
}

/** Every signature of a campaign, decrypted. */
export async function signersOf(campaignId: string): Promise<OpenedSigner[]> {
  const rows = await (await getDb()).select().from(signatures).where(eq(signatures.campaignId, campaignId));
  return Promise.all(rows.map(opened));
}

/** Columns for inserting a signature directly, sealed as the app seals them. */
export async function sealedColumns(campaignId: string, fields: Partial<SignerData>) {
  return signerColumns(await getCampaignKey(campaignId), signerData(fields));
}
