import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaignVersions } from '@/db/schema';
import type { CampaignRow } from '@/lib/campaigns/campaign-views';
import { listCountries } from '@/lib/countries/country-codes';
import { getEnv } from '@/lib/env';
import type { SignatoryFilters } from '@/lib/signatories/filters';
import { assertSignatoriesReadable, countSignatories, readSignatories } from '@/lib/signatories/read-signatories';
import type { DocumentSource } from './document-source';

/** Everything a writer needs for one campaign and set of filters; the signatories are read when the writer asks. */
export async function loadDocumentSource(
  campaign: CampaignRow,
  filters: SignatoryFilters,
  options: { confirmedBefore?: Date; generatedAt?: Date } = {},
): Promise<DocumentSource> {
  const db = await getDb();
  const scope = { ...filters, confirmedBefore: options.confirmedBefore?.toISOString() };
  const counts = await countSignatories(campaign.id, scope);
  if (counts.named > 0) await assertSignatoriesReadable(campaign.id);
  const numbers = [...new Set([campaign.versionNumber, ...Object.keys(counts.byVersion).map(Number)])];
  const versions = await db
    .select({ number: campaignVersions.number, sha256: campaignVersions.sha256, createdAt: campaignVersions.createdAt })
    .from(campaignVersions)
    .where(and(eq(campaignVersions.campaignId, campaign.id), inArray(campaignVersions.number, numbers)))
    .orderBy(campaignVersions.number);
  const current = versions.find((v) => v.number === campaign.versionNumber);
  return {
    context: {
      campaign: {
        slug: campaign.slug,
        url: `${getEnv().baseUrl}/c/${campaign.slug}`,
        kind: campaign.kind,
        title: campaign.title,
        summary: campaign.summary,
        letter: campaign.letter,
        demands: campaign.demands,
        addressees: campaign.addressees,
        language: campaign.language,
        organisedBy: campaign.organisedBy,
        place: campaign.place,
        hrc: campaign.hrc,
      },
      version: {
        number: campaign.versionNumber,
        sha256: campaign.versionSha256,
        createdAt: (current?.createdAt ?? campaign.updatedAt).toISOString(),
      },
      versions: versions
        .filter((v) => counts.byVersion[v.number])
        .map((v) => ({ number: v.number, sha256: v.sha256, signatories: counts.byVersion[v.number] })),
      counts,
      filters,
      generatedAt: options.generatedAt ?? new Date(),
    },
    // Countries are printed by name in the document's language, so they are read in that order.
    read: (order) => readSignatories(campaign.id, scope, { order, countryOrder: listCountries(campaign.language).map((c) => c.code) }),
  };
}
