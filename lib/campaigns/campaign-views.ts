import type { campaigns } from '@/db/schema';
import type { Addressee, HrcStatementDetails, SignerKind } from '@/db/schema/campaigns';
import { getEnv } from '@/lib/env';
import type { PublicCounts, SignatureCounts } from '@/lib/signatures/count-signatures';

export type CampaignRow = typeof campaigns.$inferSelect;

/** Signatures are taken while published and, when a deadline is set, until the end of that day (UTC). */
export function isAcceptingSignatures(row: Pick<CampaignRow, 'status' | 'deadline'>, now = new Date()): boolean {
  if (row.status !== 'published') return false;
  if (!row.deadline) return true;
  return now.getTime() < Date.parse(`${row.deadline}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

export type PublicCampaign = {
  slug: string;
  url: string;
  title: string;
  summary: string | null;
  kind: 'letter' | 'call' | 'hrc-statement';
  signerKinds: SignerKind[];
  letter: string;
  addressees: Addressee[];
  demands: string[];
  organisedBy: string | null;
  place: string | null;
  goal: number | null;
  deadline: string | null;
  language: string;
  translations: Record<string, { title: string; summary: string | null; letter: string; demands: string[] }>;
  status: 'published' | 'closed';
  acceptingSignatures: boolean;
  /** Equals signatureCounts.total: confirmed, not rejected, not held, online plus paper. */
  signatureCount: number;
  signatureCounts: { total: number; online: number; paper: number; people: number; byKind: PublicCounts['byKind'] };
  /** For an HRC statement, its session and agenda item; the contact person is never public. */
  hrcSession: { session: number; agendaItem: number } | null;
  version: { number: number; sha256: string };
  publishedAt: string | null;
};

const noCounts: PublicCounts = { total: 0, online: 0, paper: 0, people: 0, byKind: { individual: 0, notable: 0, organisation: 0, group: 0 }, byCountry: {} };

/** The fields anyone may see. Built field by field so nothing internal leaks by accident. */
export function toPublicCampaign(row: CampaignRow, counts: PublicCounts = noCounts): PublicCampaign {
  return {
    slug: row.slug,
    url: `${getEnv().baseUrl}/c/${row.slug}`,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    signerKinds: row.signerKinds,
    letter: row.letter,
    addressees: row.addressees.map((a) => ({ name: a.name, role: a.role ?? null, postalAddress: a.postalAddress ?? null, email: a.email ?? null })),
    demands: row.demands,
    organisedBy: row.organisedBy,
    place: row.place,
    goal: row.goal,
    deadline: row.deadline,
    language: row.language,
    translations: Object.fromEntries(
      Object.entries(row.translations).map(([locale, t]) => [
        locale,
        { title: t.title, summary: t.summary ?? null, letter: t.letter, demands: t.demands ?? [] },
      ]),
    ),
    status: row.status === 'closed' ? 'closed' : 'published',
    acceptingSignatures: isAcceptingSignatures(row),
    signatureCount: counts.total,
    signatureCounts: { total: counts.total, online: counts.online, paper: counts.paper, people: counts.people, byKind: { ...counts.byKind } },
    hrcSession: row.kind === 'hrc-statement' && row.hrc ? { session: row.hrc.session, agendaItem: row.hrc.agendaItem } : null,
    version: { number: row.versionNumber, sha256: row.versionSha256 },
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export type OrganiserCampaign = Omit<PublicCampaign, 'status'> & {
  id: string;
  /** The workspace that runs it. */
  workspaceId: string;
  status: 'draft' | 'published' | 'closed';
  pendingCount: number;
  /** Held by an abuse limit: not counted until an organiser includes them. */
  heldCount: number;
  /** Notable and organisation signatures waiting for an organiser's review. */
  unreviewedCount: number;
  hrc: HrcStatementDetails | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

export function toOrganiserCampaign(row: CampaignRow, counts: SignatureCounts): OrganiserCampaign {
  return {
    ...toPublicCampaign(row, counts.public),
    id: row.id,
    workspaceId: row.workspaceId,
    status: row.status,
    pendingCount: counts.pending,
    heldCount: counts.held,
    unreviewedCount: counts.unreviewed,
    hrc: row.hrc,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** A campaign's title in the reader's language when the organisers translated it, else the original. */
export function titleIn(campaign: { title: string; translations: Record<string, { title: string }> }, locale: string): string {
  return campaign.translations[locale]?.title ?? campaign.title;
}

/** The text to show a reader: their language if the organisers provided it, else the original. */
export function localiseCampaign<T extends PublicCampaign>(campaign: T, locale: string): T & { shownLanguage: string } {
  const translation = campaign.translations[locale];
  if (!translation || locale === campaign.language) return { ...campaign, shownLanguage: campaign.language };
  return {
    ...campaign,
    title: translation.title,
    summary: translation.summary,
    letter: translation.letter,
    demands: translation.demands.length ? translation.demands : campaign.demands,
    shownLanguage: locale,
  };
}
