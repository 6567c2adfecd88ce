import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { campaignKeys } from '@/db/schema';
import { unwrapDataKey, wrapDataKey } from './campaign-keys';
import { masterKeys } from './master-key';

const BATCH = 100;

/**
 * Re-wraps every data key not yet wrapped by the current master key. Only the small wrapped keys
 * change, never the data, and each update is conditional on the key it replaces, so the app keeps
 * running (with both master keys configured) and two runs at once cannot undo each other.
 */
export async function rotateMasterKey(db: Db): Promise<{ rewrapped: number; remaining: number }> {
  const [current] = masterKeys();
  let rewrapped = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(campaignKeys)
      .where(ne(campaignKeys.masterKeyId, current.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      const dataKey = unwrapDataKey(row.campaignId, row.wrappedKey, row.masterKeyId);
      const updated = await db
        .update(campaignKeys)
        .set({ wrappedKey: wrapDataKey(current.key, row.campaignId, dataKey), masterKeyId: current.id, rewrappedAt: new Date() })
        .where(and(eq(campaignKeys.campaignId, row.campaignId), eq(campaignKeys.masterKeyId, row.masterKeyId)))
        .returning({ campaignId: campaignKeys.campaignId });
      rewrapped += updated.length;
    }
  }
  const left = await db.select({ id: campaignKeys.campaignId }).from(campaignKeys).where(ne(campaignKeys.masterKeyId, current.id));
  return { rewrapped, remaining: left.length };
}
