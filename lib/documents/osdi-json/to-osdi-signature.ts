import type { Signatory } from '@/lib/signatories/signatory';

export type OsdiCustomFields = {
  name_withheld?: true;
  kind: Signatory['kind'];
  title?: string;
  affiliation?: string;
  organisation?: string;
  ecosoc_status?: string;
  group_label?: string;
  group_members?: number;
  source: Signatory['source'];
  review: Signatory['review'];
  version: number;
};

export type OsdiSignature = {
  identifiers: string[];
  action_date: string;
  created_date: string;
  person: {
    honorific_prefix?: string;
    given_name?: string;
    family_name?: string;
    postal_addresses?: { country: string }[];
    custom_fields: OsdiCustomFields;
  };
};

/**
 * One signatory as an OSDI 1.2 signature with its person, built from the Signatory alone (no
 * email address ever). A withheld one carries no name, title or country, only
 * `custom_fields.name_withheld` and the facts that count it (kind, source, review, version).
 * Dates are the day (UTC), as documents give it. The identifier is the signatory's number in
 * this document: signatories carry no stable id, so a withheld line cannot be followed
 * from one export to the next.
 */
export function toOsdiSignature(s: Signatory, petition?: { slug: string }): OsdiSignature {
  const custom: OsdiCustomFields = {
    ...(s.named ? {} : { name_withheld: true as const }),
    kind: s.kind,
    ...(s.title ? { title: s.title } : {}),
    ...(s.affiliation ? { affiliation: s.affiliation } : {}),
    ...(s.organisationName ? { organisation: s.organisationName } : {}),
    ...(s.ecosocStatus ? { ecosoc_status: s.ecosocStatus } : {}),
    ...(s.groupLabel ? { group_label: s.groupLabel } : {}),
    ...(s.kind === 'group' ? { group_members: s.members } : {}),
    source: s.source,
    review: s.review,
    version: s.versionNumber,
  };

  const person: OsdiSignature['person'] = { custom_fields: custom };
  if (s.honorific) person.honorific_prefix = s.honorific;
  if (s.givenName) person.given_name = s.givenName;
  if (s.familyName) person.family_name = s.familyName;
  if (s.country) person.postal_addresses = [{ country: s.country }];
  return {
    identifiers: [`undersigned:${petition ? `${petition.slug}/` : ''}signatory-${s.number}`],
    action_date: s.date,
    created_date: s.date,
    person,
  };
}
