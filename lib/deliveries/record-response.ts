import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deliveries, deliveryResponses } from '@/db/schema';
import { actorFromCaller } from '@/lib/audit/audit-actor';
import { appendAuditEntry } from '@/lib/audit/append-audit-entry';
import type { Caller } from '@/lib/auth/caller';
import { requireCampaignRole } from '@/lib/campaigns/require-campaign-role';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/http/signature-id';
import { recordResponseSchema } from '@/lib/schemas/delivery';
import { parseInput } from '@/lib/schemas/field-errors';
import { latestDay } from './latest-day';
import type { DeliveryResponseView } from './list-deliveries';

/** Records what the addressee answered. Responses are appended to the timeline, never edited. */
export async function recordResponse(caller: Caller | null, slug: string, deliveryId: string, input: unknown): Promise<DeliveryResponseView & { id: string }> {
  const campaign = await requireCampaignRole(caller, slug, 'edit');
  if (!isUuid(deliveryId)) throw new AppError('not_found', 'Delivery not found');
  const response = parseInput(recordResponseSchema, input);
  const db = await getDb();
  const [delivery] = await db
    .select({ deliveredOn: deliveries.deliveredOn })
    .from(deliveries)
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.campaignId, campaign.id)));
  if (!delivery) throw new AppError('not_found', 'Delivery not found');
  if (response.receivedOn < delivery.deliveredOn) {
    throw new AppError('validation', 'A response cannot be received before the delivery', { receivedOn: [`Received on must be on or after ${delivery.deliveredOn}`] });
  }
  if (response.receivedOn > latestDay()) throw new AppError('validation', 'Received on cannot be in the future', { receivedOn: ['Received on cannot be in the future'] });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deliveryResponses)
      .values({ deliveryId, status: response.status, receivedOn: response.receivedOn, text: response.text, createdBy: caller!.userId })
      .returning({ id: deliveryResponses.id, status: deliveryResponses.status, receivedOn: deliveryResponses.receivedOn, text: deliveryResponses.text });
    await appendAuditEntry(tx, {
      actor: actorFromCaller(caller),
      action: 'delivery.response',
      campaignId: campaign.id,
      details: { deliveryId, responseId: row.id, status: row.status, receivedOn: row.receivedOn },
    });
    return row;
  });
}
