import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { confirmSignature } from '@/lib/signatures/confirm-signature';
import { rollUpCounts } from '@/lib/signatures/roll-up-counts';
import { signCampaign } from '@/lib/signatures/sign-campaign';
import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { openOutboxRow } from '@/lib/mail/open-outbox-row';
import type { CreateCampaignInput } from '@/lib/schemas/campaign';
import { findSigner } from './signers';

export const unique = (prefix = 'x') => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function createOrganiser(options: { admin?: boolean } = {}): Promise<Caller> {
  const db = await getDb();
  const email = options.admin ? 'admin@undersigned.test' : `${unique('organiser')}@undersigned.test`;
  const [user] = await db.insert(users).values({ email: options.admin ? `${unique('a')}-${email}` : email }).returning();
  return { userId: user.id, email: user.email!, isAdmin: Boolean(options.admin) };
}

export function campaignInput(overrides: Partial<CreateCampaignInput> = {}): CreateCampaignInput {
  return {
    slug: unique('letter'),
    title: 'Release the detained journalists',
    summary: 'A test letter',
    letter: 'Excellency,\n\nWe write about **five journalists**.',
    addressees: ['UN High Commissioner for Human Rights'],
    demands: ['Release them'],
    goal: 100,
    language: 'en',
    ...overrides,
  };
}

export async function createPublishedCampaign(owner?: Caller, overrides: Partial<CreateCampaignInput> = {}) {
  const caller = owner ?? (await createOrganiser());
  const created = await createCampaign(caller, campaignInput(overrides));
  const campaign = await updateCampaign(caller, created.slug, { status: 'published' });
  return { caller, campaign };
}

export function signInput(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Ana',
    familyName: 'Velez',
    email: `${unique('signer')}@example.org`,
    country: 'FR',
    visibility: 'public',
    consent: true,
    ...overrides,
  };
}

/** The public count once the background roll-up has run (it runs every second in the app). */
export async function publicCount(slug: string): Promise<number> {
  await rollUpCounts();
  return (await getPublicCampaign(slug))!.signatureCount;
}

/** Mails written for an address (the outbox is where every mail starts). */
export async function mailsTo(address: string) {
  const db = await getDb();
  const rows = await db.select().from(outbox).where(eq(outbox.addressHash, mailAddressHash(address))).orderBy(outbox.id);
  return rows.map(openMailRow);
}

/** An outbox row with its sealed address and bodies opened (null once erased), as the sender sees it. */
export function openMailRow(row: typeof outbox.$inferSelect) {
  const opened = row.sealed || row.toAddress ? openOutboxRow(row) : null;
  return { ...row, toAddress: opened?.to ?? null, html: opened?.html ?? null, text: opened?.text ?? null };
}

/** The confirmation token from the newest confirmation mail to an address. */
export async function confirmationTokenFor(address: string): Promise<string> {
  const mails = (await mailsTo(address)).filter((m) => m.kind === 'confirm-signature');
  const html = mails.at(-1)?.html ?? '';
  const match = html.match(/\/confirm\/([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error('no confirmation link found');
  return match[1];
}

/** Signs and confirms through the domain functions; returns the stored row and what was sent. */
export async function signAndConfirm(slug: string, overrides: Record<string, unknown> = {}) {
  const input = signInput(overrides);
  await signCampaign(slug, input, { locale: 'en' });
  const { receipt } = await confirmSignature(await confirmationTokenFor(input.email));
  const row = (await findSigner(input.email))!;
  return { ...row, input, receipt };
}
