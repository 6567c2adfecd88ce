import type { DocumentSource } from '@/lib/documents/document-source';

export type CoSponsorStatus = 'general' | 'special' | 'roster';
export type HrcOrganisations = {
  /** Organisations with ECOSOC status, grouped General, Special, Roster, in the reader's order within each. */
  coSponsors: { name: string; status: CoSponsorStatus }[];
  /** Organisations without status, named in the title's footnote. */
  supporters: string[];
};

const GROUPS: readonly CoSponsorStatus[] = ['general', 'special', 'roster'];

/** Two spellings of one name that differ only in case or spacing are the same organisation. */
export const sameOrganisation = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');

/**
 * The organisations an HRC statement may name, in one pass over the signatories (an
 * organisation list is small). Only named, reviewed organisations: a withheld one is named
 * nowhere, an unreviewed one is not put before the UN, and individuals and groups have no
 * place in an HRC statement. The submitter and repeated signatures are left out.
 */
export async function readHrcOrganisations(source: DocumentSource): Promise<HrcOrganisations> {
  const submitter = source.context.campaign.hrc?.submitter.name;
  const seen = new Set<string>(submitter ? [sameOrganisation(submitter)] : []);
  const withStatus: HrcOrganisations['coSponsors'] = [];
  const without: string[] = [];
  for await (const page of source.read('section')) {
    for (const signatory of page) {
      if (signatory.kind !== 'organisation' || !signatory.named || (signatory.review !== 'approved' && signatory.review !== 'not-needed')) continue;
      const name = signatory.organisationName?.trim();
      if (!name) continue;
      const status = signatory.ecosocStatus;
      if (status === 'general' || status === 'special' || status === 'roster') withStatus.push({ name, status });
      else without.push(name);
    }
  }
  const coSponsors: HrcOrganisations['coSponsors'] = [];
  for (const status of GROUPS) {
    for (const sponsor of withStatus) {
      if (sponsor.status !== status || seen.has(sameOrganisation(sponsor.name))) continue;
      seen.add(sameOrganisation(sponsor.name));
      coSponsors.push(sponsor);
    }
  }
  // A supporter that also signed with status is already a co-sponsor.
  const supporters: string[] = [];
  for (const name of without) {
    if (seen.has(sameOrganisation(name))) continue;
    seen.add(sameOrganisation(name));
    supporters.push(name);
  }
  return { coSponsors, supporters };
}
