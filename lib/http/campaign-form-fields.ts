import type { EcosocStatus, SignerKind } from '@/db/schema/campaigns';

/** The campaign form's fields, in the order the form shows them; errors are listed in this order too. */
export const campaignFormFields = [
  'workspaceId',
  'kind',
  'title',
  'slug',
  'summary',
  'letter',
  'demands',
  'addressees',
  'place',
  'organisedBy',
  'signerKinds',
  'goal',
  'deadline',
  'language',
  'hrc',
] as const;
export type CampaignFormField = (typeof campaignFormFields)[number];

/** Fields sent as one string each. */
export const textFields = ['workspaceId', 'kind', 'title', 'slug', 'summary', 'letter', 'demands', 'place', 'organisedBy', 'goal', 'deadline', 'language'] as const;
export type TextField = (typeof textFields)[number];

export const campaignKindOptions = ['letter', 'call', 'hrc-statement'] as const;
// Listed here rather than imported as values so the client bundle does not pull in the database schema.
export const signerKindOptions = ['individual', 'notable', 'organisation', 'group'] as const satisfies readonly SignerKind[];
/** NGOs without status cannot submit, so "none" is not offered. */
export const ecosocStatusOptions = ['general', 'special', 'roster'] as const satisfies readonly EcosocStatus[];

/** Each addressee is a fieldset of these, named `addressees.N.part`. */
export const addresseeParts = ['name', 'role', 'postalAddress', 'email'] as const;
export type AddresseePart = (typeof addresseeParts)[number];
export const MAX_ADDRESSEES = 30;
/** Empty fieldsets shown after the existing addressees, so more can be added without JavaScript. */
export const SPARE_ADDRESSEES = 2;

/** The HRC statement's fields, named `hrc.part` in the form and nested the same way in the input. */
export const hrcParts = [
  'session',
  'agendaItem',
  'sessionStartsOn',
  'submitter.name',
  'submitter.ecosocStatus',
  'contact.name',
  'contact.email',
  'contact.phone',
] as const;
export type HrcPart = (typeof hrcParts)[number];

/** A form path (`hrc.contact.email`) as an element id (`hrc-contact-email`). */
export const fieldId = (path: string) => path.replace(/\./g, '-');
