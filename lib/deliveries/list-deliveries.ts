import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deliveries, deliveryResponses, deliverySignatures } from '@/db/schema';
import type { Addressee } from '@/db/schema/campaigns';
import type { Caller } from '@/lib/auth/caller';
import { findCampaignBySlug } from '@/lib/campaigns/find-campaign-by-slug';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import type { SignatoryFilters } from '@/lib/signatories/filters';
import type { DeliveryChannel, ManifestCounts, ManifestFile } from './manifest';

export type DeliveryResponseView = { status: 'acknowledged' | 'answered' | 'declined'; receivedOn: string; text: string | null };

/** A delivery as the public timeline shows it: the addressee's name, never a person's address. */
export type PublicDelivery = {
  id: string;
  addressee: string;
  role: string | null;
  channel: DeliveryChannel;
  deliveredAt: string;
  signatureCount: number;
  withdrawnSince: number;
  letterVersion: number;
  manifestSha256: string;
  responses: DeliveryResponseView[];
};

/** A delivery as its organisers see it. */
export type OrganiserDelivery = Omit<PublicDelivery, 'addressee'> & {
  addressee: Addressee;
  formats: string[];
  filters: SignatoryFilters;
  note: string | null;
  createdAt: string;
  counts: ManifestCounts;
  files: ManifestFile[];
  packetBytes: number;
  packetAvailable: boolean;
  signatureRoot: string;
};

/** Organisers: every delivery of the campaign, newest first. */
export async function listDeliveries(caller: Caller | null, slug: string): Promise<OrganiserDelivery[]> {
  const campaign = await requireCampaignRole(caller, slug, 'view');
  const rows = await readDeliveries(campaign.id);
  const extras = await readExtras(rows.map((row) => row.id));
  return rows.map((row) => ({
    ...publicView(row, extras),
    addressee: row.addressee,
    formats: row.formats,
    filters: row.filters,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    counts: row.counts,
    files: row.files,
    packetBytes: row.packetBytes,
    packetAvailable: !row.packetErasedAt,
    signatureRoot: row.signatureRoot,
  }));
}

/** Anyone: the timeline of a published or closed campaign, oldest first; a draft has none. */
export async function listPublicDeliveries(slug: string): Promise<PublicDelivery[]> {
  const campaign = await findCampaignBySlug(slug);
  if (!campaign || campaign.status === 'draft') return [];
  const rows = (await readDeliveries(campaign.id)).reverse();
  const extras = await readExtras(rows.map((row) => row.id));
  return rows.map((row) => publicView(row, extras));
}

type Row = Awaited<ReturnType<typeof readDeliveries>>[number];
type Extras = Awaited<ReturnType<typeof readExtras>>;

async function readDeliveries(campaignId: string) {
  const db = await getDb();
  return db
    .select({
      id: deliveries.id,
      addressee: deliveries.addressee,
      channel: deliveries.channel,
      formats: deliveries.formats,
      filters: deliveries.filters,
      note: deliveries.note,
      deliveredOn: deliveries.deliveredOn,
      createdAt: deliveries.createdAt,
      letterVersion: deliveries.letterVersion,
      manifestSha256: deliveries.manifestSha256,
      signatureRoot: deliveries.signatureRoot,
      signatureCount: deliveries.signatureCount,
      counts: deliveries.counts,
      files: deliveries.files,
      packetBytes: deliveries.packetBytes,
      packetErasedAt: deliveries.packetErasedAt,
    })
    .from(deliveries)
    .where(eq(deliveries.campaignId, campaignId))
    .orderBy(desc(deliveries.deliveredOn), desc(deliveries.createdAt));
}

async function readExtras(ids: string[]) {
  if (ids.length === 0) return { responses: new Map<string, DeliveryResponseView[]>(), withdrawn: new Map<string, number>() };
  const db = await getDb();
  const [responseRows, withdrawnRows] = await Promise.all([
    db
      .select({ deliveryId: deliveryResponses.deliveryId, status: deliveryResponses.status, receivedOn: deliveryResponses.receivedOn, text: deliveryResponses.text })
      .from(deliveryResponses)
      .where(inArray(deliveryResponses.deliveryId, ids))
      .orderBy(asc(deliveryResponses.receivedOn), asc(deliveryResponses.createdAt)),
    db
      .select({ deliveryId: deliverySignatures.deliveryId, n: sql<number>`count(*)::int` })
      .from(deliverySignatures)
      .where(and(inArray(deliverySignatures.deliveryId, ids), isNotNull(deliverySignatures.withdrawnAt)))
      .groupBy(deliverySignatures.deliveryId),
  ]);
  const responses = new Map<string, DeliveryResponseView[]>();
  for (const { deliveryId, ...response } of responseRows) responses.set(deliveryId, [...(responses.get(deliveryId) ?? []), response]);
  return { responses, withdrawn: new Map(withdrawnRows.map((row) => [row.deliveryId, Number(row.n)])) };
}

function publicView(row: Row, extras: Extras): PublicDelivery {
  return {
    id: row.id,
    addressee: row.addressee.name,
    role: row.addressee.role ?? null,
    channel: row.channel,
    deliveredAt: row.deliveredOn,
    signatureCount: row.signatureCount,
    withdrawnSince: extras.withdrawn.get(row.id) ?? 0,
    letterVersion: row.letterVersion,
    manifestSha256: row.manifestSha256,
    responses: extras.responses.get(row.id) ?? [],
  };
}
