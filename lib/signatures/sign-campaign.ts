import { sql } from 'drizzle-orm';
import { getDb, resultRows, type Tx } from '@/db/client';
import { campaigns, outbox, signatures, signatureTokens } from '@/db/schema';
import { isAcceptingSignatures, titleIn, type CampaignRow } from '@/lib/campaigns/campaign-views';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getCampaignKey } from '@/lib/crypto/campaign-keys';
import { composeMail } from '@/lib/mail/compose-mail';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import { sealedOutboxFields } from '@/lib/mail/sealed-outbox-fields';
import { wakeWorker } from '@/lib/worker/wake-worker';
import { consentText, recordConsentTexts } from '@/lib/privacy/consent';
import { parseInput } from '@/lib/schemas/field-errors';
import { hitLimits, type LimitHit } from '@/lib/rate-limit/hit-limits';
import { PUBLIC_MAIL_DOMAINS } from '@/lib/rate-limit/limits';
import { needsReview, signSchema } from '@/lib/schemas/signature';
import { canonicaliseEmail, emailDomain } from './canonicalise-email';
import { claimMailSlot } from './claim-mail-slot';
import { signerColumns, signerData } from './signer-data';
import { createToken } from './create-token';
import { createWithdrawLink } from './create-withdraw-link';

export const CONFIRMATION_DAYS = 7;

export type SignResult = { status: 'pending_confirmation' };

let consentRecorded: Promise<void> | undefined;

/**
 * Takes a signature. New and repeat submissions get the same answer, so the form cannot be
 * used to learn whether an address has signed; the owner of the address is mailed instead:
 * a fresh link while pending, "you have already signed" once confirmed.
 */
export async function signCampaign(
  slug: string,
  input: unknown,
  options: { locale: string; client?: string | null },
): Promise<SignResult> {
  const data = parseInput(signSchema, input);
  const db = await getDb();
  consentRecorded ??= recordConsentTexts(db).catch((error) => {
    consentRecorded = undefined;
    throw error;
  });
  await consentRecorded;

  // A recent copy of the campaign names the mail; whether it still takes signatures is decided
  // by the insert itself, against the current row, and checked afresh when nothing is inserted.
  const campaign = assertAccepting(await findRecentCampaign(slug));
  if (!campaign.signerKinds.includes(data.kind)) {
    throw new AppError('validation', 'Some fields need attention', { kind: [`This letter does not take ${data.kind} signatures`] });
  }
  const review = needsReview(data) ? 'pending' : 'not-needed';
  const organisation = data.organisation;
  const group = data.group;

  const consent = consentText(options.locale);
  const emailCanonical = canonicaliseEmail(data.email);
  const baseUrl = getEnv().baseUrl;
  const client = options.client ?? null;
  const heldReason = await checkSigningLimits(campaign.id, client, emailCanonical);

  // A new signature, its token and its confirmation mail in one statement (one round trip, atomic).
  // The unique index on (campaign, keyed hash of the canonical email) decides who is first, even under concurrency.
  const { token, tokenHash } = createToken();
  const title = titleIn(campaign, options.locale);
  const mail = await composeMail({ kind: 'confirm-signature', locale: options.locale, title, url: `${baseUrl}/confirm/${token}`, days: CONFIRMATION_DAYS });
  // The key before any statement: it may be made on its own connection (see getCampaignKey).
  const key = await getCampaignKey(campaign.id);
  const signer = signerColumns(
    key,
    signerData({
      ...data,
      organisationName: organisation?.name,
      organisationWebsite: organisation?.website,
      groupLabel: group?.label,
      groupRelationship: group?.relationship,
    }),
  );
  const sealedMail = sealedOutboxFields(data.email, mail);
  const result = await db.execute(sql`
    with s as (
      insert into ${signatures} (campaign_id, pii, email_index, email_domain_index, country, visibility,
        wants_updates, consent_version, consent_locale, consented_at, last_mailed_at, client_hash, held_reason,
        kind, organisation_country, ecosoc_status, members, review, version_number)
      select c.id, ${signer.pii}::bytea, ${signer.emailIndex}, ${signer.emailDomainIndex}, ${data.country},
        ${data.visibility}::signature_visibility, ${data.updates}::boolean, ${consent.version}, ${consent.locale},
        now(), now(), ${client}, ${heldReason},
        ${data.kind}::signer_kind, ${organisation ? (organisation.country ?? data.country) : null},
        ${organisation?.ecosocStatus ?? null}::ecosoc_status, ${group?.members ?? 1}::int,
        ${review}::review_state, c.version_number
      from ${campaigns} c
      where c.id = ${campaign.id}::uuid and c.status = 'published'
        and (c.deadline is null or now() < (c.deadline + 1)::timestamp at time zone 'UTC')
      on conflict (campaign_id, email_index) do nothing
      returning id
    ), token as (
      insert into ${signatureTokens} (token_hash, signature_id, purpose, expires_at)
      select ${tokenHash}, id, 'confirm'::token_purpose, now() + make_interval(days => ${CONFIRMATION_DAYS}) from s
    ), mail as (
      insert into ${outbox} (kind, campaign_id, address_hash, sealed, from_address, subject)
      select 'confirm-signature', ${campaign.id}::uuid, ${sealedMail.addressHash}, ${sealedMail.sealed}, ${getEnv().emailFrom}, ${mail.subject} from s
    )
    select id from s`);
  if (resultRows(result).length > 0) {
    setTimeout(wakeWorker, 20);
    return { status: 'pending_confirmation' };
  }
  // Nothing inserted: a repeat, or the campaign closed a moment ago (then this throws).
  assertAccepting(await findCampaignBySlug(slug));

  await db.transaction(async (tx) => {
    // A repeat: claim the right to mail (throttled), then tell the address owner what is going on.
    const existing = await claimMailSlot(tx, key, signer.emailIndex!);
    if (!existing) return;
    if (existing.status === 'pending') await sendConfirmation(tx, existing.id, existing.email);
    else
      await enqueueMail(tx, existing.email, {
        kind: 'already-signed',
        locale: options.locale,
        title,
        url: `${baseUrl}/c/${campaign.slug}`,
        withdrawUrl: await createWithdrawLink(tx, existing.id),
      }, { campaignId: campaign.id });
  });

  return { status: 'pending_confirmation' };

  async function sendConfirmation(tx: Tx, signatureId: string, to: string) {
    const { token, tokenHash } = createToken();
    await tx.insert(signatureTokens).values({
      tokenHash,
      signatureId,
      expiresAt: sql`now() + make_interval(days => ${CONFIRMATION_DAYS})`,
    });
    await enqueueMail(tx, to, {
      kind: 'confirm-signature',
      locale: options.locale,
      title,
      url: `${baseUrl}/confirm/${token}`,
      days: CONFIRMATION_DAYS,
    }, { campaignId: campaign.id });
  }
}

/**
 * Counts the submission against the signing limits; over any of them the signature is held
 * (accepted and mailed as usual, but not counted) and the reason is returned.
 */
async function checkSigningLimits(campaignId: string, client: string | null, emailCanonical: string): Promise<string | null> {
  const domain = emailDomain(emailCanonical);
  const hits: LimitHit[] = [{ name: 'sign-letter', subject: campaignId }];
  if (client) {
    hits.push({ name: 'sign-client-burst', subject: `${campaignId}:${client}` }, { name: 'sign-client-hour', subject: `${campaignId}:${client}` });
  }
  if (!PUBLIC_MAIL_DOMAINS.has(domain)) hits.push({ name: 'sign-domain', subject: `${campaignId}:${domain}` });
  const { exceeded } = await hitLimits(hits);
  return exceeded.length ? exceeded.join(',') : null;
}

function assertAccepting(found: CampaignRow | undefined): CampaignRow {
  if (!found || found.status === 'draft') throw new AppError('not_found', 'Campaign not found');
  if (!isAcceptingSignatures(found)) throw new AppError('campaign_closed', 'This campaign is closed and no longer accepts signatures');
  return found;
}

const RECENT_MS = 1_000;
const recentCampaigns = new Map<string, { row: CampaignRow; at: number }>();

/** The campaign as read at most a second ago: a viral letter is read once a second, not per signature. */
async function findRecentCampaign(slug: string): Promise<CampaignRow | undefined> {
  const cached = recentCampaigns.get(slug);
  if (cached && Date.now() - cached.at < RECENT_MS) return cached.row;
  const row = await findCampaignBySlug(slug);
  // Only a letter that takes signatures is kept: a reopened one must take them at once.
  if (row && isAcceptingSignatures(row)) {
    if (recentCampaigns.size > 1_000) recentCampaigns.clear();
    recentCampaigns.set(slug, { row, at: Date.now() });
  }
  return row;
}
