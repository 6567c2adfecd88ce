import { asc, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signatures, withdrawalRequests } from '@/db/schema';
import { getCampaignKey, type CampaignKey } from '@/lib/crypto/campaign-keys';
import { sealWithdrawalEmail, signerColumns, signerData } from './signer-data';

const BATCH = 500;

/**
 * Seals what an install upgraded from before encryption still holds in plaintext: signers' names,
 * addresses and notes, and the addresses of waiting withdrawal requests. Runs after every
 * migration; once done it finds nothing (a partial index of plaintext rows, empty), so it is
 * cheap and idempotent. Each batch is one UPDATE (atomic) that also empties the plaintext
 * columns, conditional on them still being there, so two processes starting at once do no harm.
 */
export async function sealLegacySigners(db: Db): Promise<{ signatures: number; withdrawalRequests: number }> {
  const counts = { signatures: 0, withdrawalRequests: 0 };
  for (;;) {
    const rows = await db
      .select({
        id: signatures.id,
        campaignId: signatures.campaignId,
        email: signatures.email,
        givenName: signatures.givenName,
        familyName: signatures.familyName,
        title: signatures.title,
        honorific: signatures.honorific,
        affiliation: signatures.affiliation,
        organisationName: signatures.organisationName,
        organisationWebsite: signatures.organisationWebsite,
        groupLabel: signatures.groupLabel,
        groupRelationship: signatures.groupRelationship,
        originalFields: signatures.originalFields,
      })
      .from(signatures)
      .where(isNotNull(signatures.givenName))
      .orderBy(asc(signatures.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    // Keys first: on PGlite a key made on the side would wait for an open transaction.
    const keys = await keysFor(db, rows.map((row) => row.campaignId));
    const sealed = rows.map((row) => {
      const columns = signerColumns(keys.get(row.campaignId)!, signerData(row));
      return { id: row.id, pii: columns.pii.toString('base64'), email_index: columns.emailIndex, email_domain_index: columns.emailDomainIndex };
    });
    await db.execute(sql`
      update ${signatures} s set pii = decode(r.pii, 'base64'), email_index = r.email_index, email_domain_index = r.email_domain_index,
        given_name = null, family_name = null, email = null, email_canonical = null, title = null, honorific = null,
        affiliation = null, organisation_name = null, organisation_website = null, group_label = null,
        group_relationship = null, original_fields = null
      from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as r(id uuid, pii text, email_index text, email_domain_index text)
      where s.id = r.id and s.given_name is not null`);
    counts.signatures += rows.length;
  }
  for (;;) {
    const rows = await db
      .select({ id: withdrawalRequests.id, campaignId: withdrawalRequests.campaignId, email: withdrawalRequests.email })
      .from(withdrawalRequests)
      .where(isNotNull(withdrawalRequests.email))
      .orderBy(asc(withdrawalRequests.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    const keys = await keysFor(db, rows.map((row) => row.campaignId));
    const sealed = rows.map((row) => ({ id: row.id, sealed: sealWithdrawalEmail(keys.get(row.campaignId)!, row.email!).toString('base64') }));
    await db.execute(sql`
      update ${withdrawalRequests} w set sealed_email = decode(r.sealed, 'base64'), email = null
      from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as r(id bigint, sealed text)
      where w.id = r.id and w.email is not null`);
    counts.withdrawalRequests += rows.length;
  }
  return counts;
}

async function keysFor(db: Db, campaignIds: string[]): Promise<Map<string, CampaignKey>> {
  const keys = new Map<string, CampaignKey>();
  for (const id of new Set(campaignIds)) keys.set(id, await getCampaignKey(id, db));
  return keys;
}
