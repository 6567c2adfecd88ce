import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { campaignKeys, campaigns, consentTexts, deliveries, deliverySignatures, signatures, signerDataRequests } from '@/db/schema';
import { titleIn } from '@/lib/campaigns/campaign-views';
import { findCampaignKey } from '@/lib/crypto/campaign-keys';
import { emailIndex } from '@/lib/crypto/email-index';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { openRequestAddress } from '@/lib/crypto/seal-mail';
import { countryName } from '@/lib/countries/country-codes';
import { getEnv } from '@/lib/env';
import { formatSignerDate } from '@/lib/i18n/locales';
import type { SignerDataRecord } from '@/lib/mail/compose-mail';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { hitLimits } from '@/lib/rate-limit/hit-limits';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';
import { createWithdrawLink } from '@/lib/signatures/create-withdraw-link';
import { tryOpenSigner } from '@/lib/signatures/signer-data';

/**
 * Answers waiting requests for one's data: the address is looked up in every letter (by each
 * letter's own email index), and everything held about each signature it made is mailed to that
 * address, with a withdrawal link for each. An address that signed nothing is told so. At most
 * one answer per address a day, so the form cannot be used to flood an inbox.
 */
export async function processSignerDataRequests(limit = 20): Promise<number> {
  const db = await getDb();
  const waiting = await db.select({ id: signerDataRequests.id }).from(signerDataRequests).orderBy(asc(signerDataRequests.id)).limit(limit);
  if (waiting.length === 0) return 0;
  // Counted before the transaction: the limit store has its own connection.
  const requests = await db.select().from(signerDataRequests).where(inArray(signerDataRequests.id, waiting.map((row) => row.id)));
  const allowed = new Set<number>();
  for (const request of requests) {
    const { exceeded } = await hitLimits([{ name: 'data-request-address', subject: mailAddressHash(openRequestAddress(request.sealed)) }]);
    if (!exceeded.length) allowed.add(request.id);
  }
  return db.transaction(async (tx) => {
    const claimed = await tx
      .select()
      .from(signerDataRequests)
      .where(inArray(signerDataRequests.id, requests.map((row) => row.id)))
      .for('update', { skipLocked: true });
    for (const request of claimed) {
      if (allowed.has(request.id)) await answer(tx, openRequestAddress(request.sealed), request.locale);
    }
    if (claimed.length) await tx.delete(signerDataRequests).where(inArray(signerDataRequests.id, claimed.map((row) => row.id)));
    return claimed.length;
  });
}

async function answer(tx: Tx, email: string, locale: string): Promise<void> {
  const canonical = canonicaliseEmail(email);
  const keys = await tx.select({ campaignId: campaignKeys.campaignId }).from(campaignKeys);
  const indexes = new Map<string, Awaited<ReturnType<typeof findCampaignKey>>>();
  for (const { campaignId } of keys) {
    const key = await findCampaignKey(tx, campaignId);
    if (key) indexes.set(emailIndex(key, canonical), key);
  }
  const rows = indexes.size
    ? await tx
        .select({ signature: signatures, campaign: { slug: campaigns.slug, title: campaigns.title, translations: campaigns.translations } })
        .from(signatures)
        .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
        .where(and(inArray(signatures.emailIndex, [...indexes.keys()]), isNotNull(signatures.pii)))
        .orderBy(asc(signatures.createdAt))
    : [];
  const records: SignerDataRecord[] = [];
  for (const { signature, campaign } of rows) {
    const key = indexes.get(signature.emailIndex!)!;
    const signer = tryOpenSigner(key, signature.pii);
    if (!signer) continue;
    const [consent] = await tx
      .select({ text: consentTexts.text })
      .from(consentTexts)
      .where(and(eq(consentTexts.version, signature.consentVersion), eq(consentTexts.locale, signature.consentLocale)));
    const delivered = await tx
      .select({ addressee: deliveries.addressee, deliveredOn: deliveries.deliveredOn })
      .from(deliverySignatures)
      .innerJoin(deliveries, eq(deliveries.id, deliverySignatures.deliveryId))
      .where(eq(deliverySignatures.signatureId, signature.id));
    const day = (date: Date | string) => formatSignerDate(date, locale);
    const name = [signer.honorific, signer.givenName, signer.familyName].filter(Boolean).join(' ');
    const fields: SignerDataRecord['fields'] = [
      { field: 'kind', term: signature.kind },
      ...(name ? [{ field: 'name' as const, value: name }] : []),
      ...(signer.email ? [{ field: 'email' as const, value: signer.email }] : []),
      ...(signer.title ? [{ field: 'title' as const, value: signer.title }] : []),
      ...(signer.affiliation ? [{ field: 'affiliation' as const, value: signer.affiliation }] : []),
      ...(signer.organisationName ? [{ field: 'organisation' as const, value: signer.organisationName }] : []),
      ...(signer.organisationWebsite ? [{ field: 'website' as const, value: signer.organisationWebsite }] : []),
      ...(signer.groupLabel ? [{ field: 'group' as const, value: signer.groupLabel }] : []),
      ...(signer.groupRelationship ? [{ field: 'relationship' as const, value: signer.groupRelationship }] : []),
      ...(signer.originalFields ? [{ field: 'corrected' as const, value: Object.values(signer.originalFields).filter(Boolean).join(', ') }] : []),
      { field: 'country', value: countryName(signature.country, locale) },
      { field: 'visibility', term: signature.visibility },
      { field: 'status', term: signature.status },
      ...(signature.heldReason ? [{ field: 'status' as const, term: 'held' as const }] : []),
      ...(signature.nameHiddenAt ? [{ field: 'visibility' as const, term: 'hidden' as const }] : []),
      ...(signature.invalidatedAt ? [{ field: 'status' as const, term: 'invalidated' as const }] : []),
      ...(signature.review === 'not-needed' ? [] : [{ field: 'review' as const, term: reviewTerm(signature.review) }]),
      { field: 'source', term: signature.source },
      { field: 'signedAt', value: day(signature.consentedAt) },
      ...(signature.confirmedAt ? [{ field: 'confirmedAt' as const, value: day(signature.confirmedAt) }] : []),
      { field: 'consent', value: `${signature.consentVersion} (${signature.consentLocale})${consent ? `: ${consent.text}` : ''}` },
      delivered.length
        ? { field: 'deliveries', value: delivered.map((row) => `${row.addressee.name} (${day(row.deliveredOn)})`).join('; ') }
        : { field: 'deliveries', term: 'none' },
    ];
    records.push({
      title: titleIn(campaign, locale),
      address: `${getEnv().baseUrl}/c/${campaign.slug}`,
      fields,
      withdrawUrl: await createWithdrawLink(tx, signature.id),
    });
  }
  await enqueueMail(tx, email, { kind: 'signer-data', locale, count: records.length, records });
}

function reviewTerm(review: 'pending' | 'approved' | 'rejected' | 'not-needed') {
  return review === 'approved' ? ('reviewApproved' as const) : review === 'rejected' ? ('reviewRejected' as const) : ('reviewPending' as const);
}
