import { SIGNER_KINDS, type SignerKind } from '@/db/schema/campaigns';

/**
 * The sign form's fields, in the order the form shows them. Most map one to one onto `signSchema`;
 * the organisation's website is `organisationWebsite` because `website` is the honeypot, and a
 * notable person's title is `notableTitle` so that it never collides with an individual's `title`.
 */
export const SIGN_FIELDS = [
  'kind',
  'organisationName',
  'organisationCountry',
  'organisationWebsite',
  'ecosocStatus',
  'groupLabel',
  'groupMembers',
  'groupRelationship',
  'honorific',
  'givenName',
  'familyName',
  'title',
  'notableTitle',
  'affiliation',
  'email',
  'country',
  'visibility',
  'consent',
  'updates',
] as const;
export type SignField = (typeof SIGN_FIELDS)[number];

type TextField = Exclude<SignField, 'consent' | 'updates'>;

/** What the signer typed, sent back so a failed submission loses nothing (also without JavaScript). */
export type SignFormValues = Record<TextField, string> & { consent: boolean; updates: boolean };

export function isSignerKind(value: unknown): value is SignerKind {
  return typeof value === 'string' && (SIGNER_KINDS as readonly string[]).includes(value);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A sign form post (from `formToObject`) as `signSchema` input, and the values to send back.
 * A browser without JavaScript posts every kind's fields, mostly empty: only the chosen kind's
 * are taken, whatever the others hold.
 */
export function readSignForm(data: Record<string, unknown>): { input: Record<string, unknown>; values: SignFormValues } {
  const values = Object.fromEntries(SIGN_FIELDS.map((field) => [field, text(data[field])])) as unknown as SignFormValues;
  values.consent = data.consent === true;
  values.updates = data.updates === true;

  const input: Record<string, unknown> = {
    givenName: values.givenName,
    familyName: values.familyName,
    email: values.email,
    country: values.country,
    consent: values.consent,
    updates: values.updates,
  };
  // Nothing picked means the schema's default (individual); an unknown kind goes on, to be refused by name.
  if (values.kind !== '') input.kind = values.kind;
  // Left empty, a group is counted only; anyone else is asked to choose.
  if (values.visibility !== '') input.visibility = values.visibility;

  switch (values.kind) {
    case '':
    case 'individual':
      input.title = values.title;
      break;
    case 'notable':
      input.honorific = values.honorific;
      input.title = values.notableTitle;
      input.affiliation = values.affiliation;
      break;
    case 'organisation':
      // The organisation's country is the one asked for; the shared one only backs it up.
      input.country = values.organisationCountry || values.country;
      input.organisation = {
        name: values.organisationName,
        ...(values.organisationCountry ? { country: values.organisationCountry } : {}),
        website: values.organisationWebsite,
        ...(values.ecosocStatus ? { ecosocStatus: values.ecosocStatus } : {}),
      };
      break;
    case 'group':
      input.group = { label: values.groupLabel, members: values.groupMembers, relationship: values.groupRelationship };
      break;
  }
  return { input, values };
}
