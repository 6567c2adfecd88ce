import type { DocumentContext, DocumentWriter } from '@/lib/documents/document-source';
import { readAhead } from '@/lib/documents/read-ahead';
import { endOut, writeOut } from '@/lib/documents/write-out';
import { toOsdiSignature } from './to-osdi-signature';

/** Where the API serves this collection; the `self` link of the export points there. */
export function osdiSignaturesHref(context: DocumentContext): string {
  return new URL(`/api/v1/campaigns/${encodeURIComponent(context.campaign.slug)}/exports/json`, context.campaign.url).href;
}

/** The petition resource, without its embedded signatures. */
export function osdiPetition(context: DocumentContext) {
  const { campaign, version, versions, counts, filters } = context;
  const total = counts.total;
  return {
    identifiers: [`undersigned:${campaign.slug}`],
    origin_system: 'Undersigned',
    title: campaign.title,
    ...(campaign.summary ? { summary: campaign.summary } : {}),
    petition_text: campaign.letter,
    target: campaign.addressees.map((a) => (a.role ? { name: a.name, title: a.role } : { name: a.name })),
    total_signatures: total,
    browser_url: campaign.url,
    'undersigned:version': { number: version.number, sha256: version.sha256, created_date: version.createdAt },
    'undersigned:versions': versions.map((v) => ({ number: v.number, sha256: v.sha256, signatures: v.signatories })),
    'undersigned:counts': {
      named: counts.named,
      withheld: counts.withheld,
      people: counts.people,
      online: counts.online,
      paper: counts.paper,
      unreviewed: counts.unreviewed,
      by_kind: counts.byKind,
    },
    'undersigned:filters': filters,
    'undersigned:generated_date': context.generatedAt.toISOString(),
    // The whole collection in one page: an export, not a paged API answer.
    total_records: total,
    per_page: total,
    page: 1,
    total_pages: 1,
    _links: {
      self: { href: osdiSignaturesHref(context) },
      curies: [{ name: 'osdi', href: 'https://opensupporter.github.io/osdi-docs/{rel}', templated: true }],
    },
  };
}

/**
 * The letter as an OSDI 1.2 petition (HAL+JSON) with every signature embedded, streamed: the
 * opening, then one page of signatures at a time, then the closing, so memory stays flat.
 */
export const writeOsdiJson: DocumentWriter = async (source, out) => {
  const { context } = source;
  const petition = { slug: context.campaign.slug };
  try {
    const head = JSON.stringify(osdiPetition(context));
    await writeOut(out, `${head.slice(0, -1)},"_embedded":{"osdi:signatures":[`);
    let first = true;
    for await (const page of readAhead(source.read('date'))) {
      if (page.length === 0) continue;
      const chunk = page.map((s) => JSON.stringify(toOsdiSignature(s, petition))).join(',\n');
      await writeOut(out, `${first ? '\n' : ',\n'}${chunk}`);
      first = false;
    }
    await writeOut(out, '\n]}}\n');
    await endOut(out);
  } catch (error) {
    // A truncated document must not pass for a whole one: `out` closes unfinished, so the
    // download fails. Destroyed without the error, which `out` may have no listener for.
    out.destroy();
    throw error;
  }
};
