import type { campaigns } from '@/db/schema';
import { getEnv } from '@/lib/env';

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
  letter: string;
  addressees: string[];
  demands: string[];
  organisedBy: string | null;
  goal: number | null;
  deadline: string | null;
  language: string;
  translations: Record<string, { title: string; summary: string | null; letter: string; demands: string[] }>;
  status: 'published' | 'closed';
  acceptingSignatures: boolean;
  signatureCount: number;
  publishedAt: string | null;
};

/** The fields anyone may see. Built field by field so nothing internal leaks by accident. */
export function toPublicCampaign(row: CampaignRow, signatureCount: number): PublicCampaign {
  return {
    slug: row.slug,
    url: `${getEnv().baseUrl}/c/${row.slug}`,
    title: row.title,
    summary: row.summary,
    letter: row.letter,
    addressees: row.addressees,
    demands: row.demands,
    organisedBy: row.organisedBy,
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
    signatureCount,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export type OrganiserCampaign = Omit<PublicCampaign, 'status'> & {
  id: string;
  status: 'draft' | 'published' | 'closed';
  pendingCount: number;
  /** Held by an abuse limit: not counted until an organiser includes them. */
  heldCount: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

export function toOrganiserCampaign(row: CampaignRow, counts: { confirmed: number; pending: number; held: number }): OrganiserCampaign {
  return {
    ...toPublicCampaign(row, counts.confirmed),
    id: row.id,
    status: row.status,
    pendingCount: counts.pending,
    heldCount: counts.held,
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
