import type { ReviewedFields } from '@/db/schema/signatures';
import type { CampaignKey } from '@/lib/crypto/campaign-keys';
import { emailDomainIndex, emailIndex } from '@/lib/crypto/email-index';
import { openJsonBatch } from '@/lib/crypto/open-json-batch';
import { openBytes, openJson, sealBytes, sealJson, SealError } from '@/lib/crypto/seal';
import { AppError } from '@/lib/errors';
import { canonicaliseEmail, emailDomain } from './canonicalise-email';

/**
 * Everything that says who a signer is, sealed together in `signatures.pii`: one decryption per
 * row, never one per field, and a correction re-seals the whole unit.
 */
export type SignerData = {
  /** As typed, for mailing; null only for a paper signature collected without one. */
  email: string | null;
  givenName: string;
  familyName: string;
  title: string | null;
  honorific: string | null;
  affiliation: string | null;
  organisationName: string | null;
  organisationWebsite: string | null;
  groupLabel: string | null;
  groupRelationship: string | null;
  /** What the signer typed, for the fields a reviewer corrected. */
  originalFields: ReviewedFields | null;
};

const EMPTY: SignerData = {
  email: null,
  givenName: '',
  familyName: '',
  title: null,
  honorific: null,
  affiliation: null,
  organisationName: null,
  organisationWebsite: null,
  groupLabel: null,
  groupRelationship: null,
  originalFields: null,
};

/** The fields as `SignerData`, whatever extra or missing keys the input has. */
export function signerData(fields: Partial<Record<keyof SignerData, unknown>>): SignerData {
  const data = { ...EMPTY };
  for (const key of Object.keys(EMPTY) as (keyof SignerData)[]) {
    const value = fields[key];
    if (value !== undefined && value !== null) (data as Record<string, unknown>)[key] = value;
  }
  return data;
}

/** Seals the unit under the campaign's data key (empty fields are left out: less to decrypt). */
export function sealSigner(key: CampaignKey, data: SignerData): Buffer {
  const compact = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null && value !== ''));
  return sealJson(key.dataKey, 'signer', key.campaignId, compact);
}

/** Opens a sealed unit. A row without one (anonymised) reads as empty. Throws SealError if tampered with. */
export function openSigner(key: CampaignKey, pii: Uint8Array | null): SignerData {
  if (!pii) return { ...EMPTY };
  return fromUnit(openJson<Partial<SignerData>>(key.dataKey, 'signer', key.campaignId, pii));
}

/**
 * Opens many units of one campaign at once (off the main thread when there are many): what the
 * document reader uses. Fails closed like openSignerOrThrow.
 */
export async function openSignersOrThrow(key: CampaignKey | null, piis: readonly Uint8Array[]): Promise<SignerData[]> {
  if (piis.length === 0) return [];
  if (!key) throw signersErased();
  try {
    return (await openJsonBatch<Partial<SignerData>>(key.dataKey, 'signer', key.campaignId, piis)).map(fromUnit);
  } catch (error) {
    if (error instanceof SealError) throw signersErased();
    throw error;
  }
}

// Field by field rather than a spread: documents open a million of these.
function fromUnit(data: Partial<SignerData>): SignerData {
  return {
    email: data.email ?? null,
    givenName: data.givenName ?? '',
    familyName: data.familyName ?? '',
    title: data.title ?? null,
    honorific: data.honorific ?? null,
    affiliation: data.affiliation ?? null,
    organisationName: data.organisationName ?? null,
    organisationWebsite: data.organisationWebsite ?? null,
    groupLabel: data.groupLabel ?? null,
    groupRelationship: data.groupRelationship ?? null,
    originalFields: data.originalFields ?? null,
  };
}

/** The empty unit: a row with no sealed data (anonymised) reads as this. */
export function emptySigner(): SignerData {
  return { ...EMPTY };
}

/** The columns a signature is found by, for an address (or none, for paper signatures without one). */
export function signerIndexes(key: CampaignKey, email: string | null): { emailIndex: string | null; emailDomainIndex: string | null } {
  if (email === null) return { emailIndex: null, emailDomainIndex: null };
  const canonical = canonicaliseEmail(email);
  return { emailIndex: emailIndex(key, canonical), emailDomainIndex: emailDomainIndex(key, emailDomain(canonical)) };
}

/** The sealed unit and the index columns of a new or corrected signature. */
export function signerColumns(key: CampaignKey, data: SignerData): { pii: Buffer; emailIndex: string | null; emailDomainIndex: string | null } {
  return { pii: sealSigner(key, data), ...signerIndexes(key, data.email) };
}

/** Thrown when a campaign's signers can no longer be read: its key was destroyed or does not open them. */
export function signersErased(): AppError {
  return new AppError('conflict', "This campaign's signer data has been erased: its encryption key no longer exists");
}

/** Opens every row's unit; any row that does not open means the data is gone (fail closed). */
export function openSignerOrThrow(key: CampaignKey | null, pii: Uint8Array | null): SignerData {
  if (!pii) return { ...EMPTY };
  if (!key) throw signersErased();
  try {
    return openSigner(key, pii);
  } catch (error) {
    if (error instanceof SealError) throw signersErased();
    throw error;
  }
}

/** Like openSignerOrThrow, but null when the data is gone: for public pages, which show nothing then. */
export function tryOpenSigner(key: CampaignKey | null, pii: Uint8Array | null): SignerData | null {
  if (!pii) return { ...EMPTY };
  if (!key) return null;
  try {
    return openSigner(key, pii);
  } catch (error) {
    if (error instanceof SealError) return null;
    throw error;
  }
}

/** The address of a withdrawal request, sealed until the sender looks it up. */
export function sealWithdrawalEmail(key: CampaignKey, email: string): Buffer {
  return sealBytes(key.dataKey, 'withdrawal-request', key.campaignId, email);
}

export function openWithdrawalEmail(key: CampaignKey, sealed: Uint8Array): string {
  return openBytes(key.dataKey, 'withdrawal-request', key.campaignId, sealed).toString('utf8');
}
