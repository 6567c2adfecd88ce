import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { readPacketFiles } from '@/lib/deliveries/read-packet';
import { AppError } from '@/lib/errors';
import { openOutboxRow } from './open-outbox-row';

/** The dev mailbox holds live links, so it exists only outside production. */
function requireDevelopment() {
  if (getEnv().isProduction) throw new AppError('not_found', 'Not found');
}

export type DevMail = {
  id: number;
  kind: string;
  to: string;
  from: string;
  subject: string;
  status: string;
  createdAt: string;
  html: string | null;
  text: string | null;
  /** A delivery by email: the packet's files, attached when the mail is sent. */
  attachments: { filename: string; bytes: number }[];
};

export async function listDevMailbox(limit = 100): Promise<DevMail[]> {
  requireDevelopment();
  const db = await getDb();
  const rows = await db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
  return rows.map(toDevMail);
}

export async function readDevMail(id: number): Promise<DevMail> {
  requireDevelopment();
  const db = await getDb();
  const [row] = await db.select().from(outbox).where(and(eq(outbox.id, id))).limit(1);
  if (!row) throw new AppError('not_found', 'Not found');
  const attachments = row.deliveryId ? (await readPacketFiles(row.deliveryId)).map((file) => ({ filename: file.filename, bytes: file.content.length })) : [];
  return { ...toDevMail(row), attachments };
}

function toDevMail(row: typeof outbox.$inferSelect): DevMail {
  const opened = row.sealed || row.toAddress ? openOutboxRow(row) : null;
  return {
    id: row.id,
    kind: row.kind,
    // A mail whose content was erased (sent by a provider, or to a suppressed address) shows no address.
    to: opened?.to ?? '',
    from: row.fromAddress,
    subject: row.subject,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    html: opened ? opened.html : null,
    text: opened ? opened.text : null,
    attachments: [],
  };
}
