/**
 * Signing, confirming and exporting at volume, through the domain functions on a real database.
 *   npx tsx bench/signing.bench.ts                     # embedded PGlite (temp folder)
 *   DATABASE_URL=postgres://... npx tsx bench/signing.bench.ts   # a throwaway database on that server
 * Prints throughput and checks the count is exact. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';

process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-00';
process.env.DATA_ENCRYPTION_KEY ??= 'YmVuY2gtb25seS1kYXRhLWtleS1ub3QtYS1zZWNyZXQ=';
process.env.MAIL_WORKER = 'off';
process.env.LOG_LEVEL = 'warn';

const SIGNERS = Number(process.env.BENCH_SIGNERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function main() {
  const { setDatabase, getDb } = await import('../db/client');
  const { openScratchDatabase } = await import('../tests/helpers/scratch-db');
  const { campaigns, outbox, signatures, workspaces } = await import('../db/schema');
  const { signCampaign } = await import('../lib/signatures/sign-campaign');
  const { confirmSignature } = await import('../lib/signatures/confirm-signature');
  const { countSignatures } = await import('../lib/signatures/count-signatures');
  const { exportDocument } = await import('../lib/documents/export-document');
  const { getCampaignKey } = await import('../lib/crypto/campaign-keys');
  const { signerColumns, signerData } = await import('../lib/signatures/signer-data');

  const serverUrl = process.env.DATABASE_URL;
  const dir = serverUrl ? undefined : mkdtempSync(path.join(tmpdir(), 'undersigned-bench-'));
  const scratch = await openScratchDatabase({ serverUrl, pgliteDir: dir });
  setDatabase(scratch.handle);
  const cleanup = async () => {
    await scratch.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const db = await getDb();
  const kind = serverUrl ? 'postgres' : 'pglite';
  const [workspace] = await db.insert(workspaces).values({ name: 'Bench' }).returning();
  const [campaign] = await db
    .insert(campaigns)
    .values({ workspaceId: workspace.id, slug: 'bench', title: 'Bench', letter: 'Text', addressees: [{ name: 'OHCHR' }], status: 'published' })
    .returning();

  // Signing: each call validates, inserts the signature and its token, and writes the mail, in one transaction.
  const emails = Array.from({ length: SIGNERS }, (_, i) => `bench${i}@example.org`);
  let t = performance.now();
  await pool(emails, CONCURRENCY, (email) =>
    signCampaign('bench', { givenName: 'Bench', familyName: 'Signer', email, country: 'FR', visibility: 'public', consent: true }, { locale: 'en' }),
  );
  const signSeconds = (performance.now() - t) / 1000;

  // A second wave of the same people (upper-cased, +tag) must add nothing.
  t = performance.now();
  await pool(emails.slice(0, SIGNERS / 4), CONCURRENCY, (email) =>
    signCampaign('bench', { givenName: 'Again', familyName: 'Signer', email: email.replace('@', '+x@').toUpperCase(), country: 'FR', visibility: 'public', consent: true }, { locale: 'en' }),
  );
  const repeatSeconds = (performance.now() - t) / 1000;

  const mails = await db.select({ html: outbox.html }).from(outbox);
  const tokens = mails.map((m) => m.html?.match(/\/confirm\/([A-Za-z0-9_-]{43})/)?.[1]).filter(Boolean) as string[];
  t = performance.now();
  // Every token confirmed twice, concurrently: the count must still be exactly SIGNERS.
  await pool([...tokens, ...tokens], CONCURRENCY, (token) => confirmSignature(token));
  const confirmSeconds = (performance.now() - t) / 1000;
  const counted = (await countSignatures([campaign.id])).get(campaign.id)!.confirmed;

  // Export: add confirmed rows in bulk, then stream them all as CSV.
  // Sealed as the app seals them, so the export measures the real decryption.
  const key = await getCampaignKey(campaign.id);
  for (let done = 0; done < EXPORT_ROWS; done += 5000) {
    await db.insert(signatures).values(
      Array.from({ length: Math.min(5000, EXPORT_ROWS - done) }, (_, i) => ({
        campaignId: campaign.id,
        ...signerColumns(key, signerData({ givenName: `Given${done + i}`, familyName: 'Family', email: `bulk${done + i}@example.org` })),
        country: 'FR',
        visibility: (i % 10 ? 'public' : 'counted') as 'public' | 'counted',
        consentVersion: 'bench',
        consentLocale: 'en',
        consentedAt: sql`now()`,
        status: 'confirmed' as const,
        confirmedAt: sql`now()`,
      })),
    );
  }
  const admin = { userId: 'bench', email: 'bench@example.org', isAdmin: true };
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  t = performance.now();
  const { body } = await exportDocument(admin, 'bench', 'csv', {});
  let bytes = 0;
  let rows = -1;
  for await (const chunk of body) {
    bytes += Buffer.byteLength(chunk);
    rows += String(chunk).split('\r\n').length - 1;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const exportSeconds = (performance.now() - t) / 1000;

  console.log(`database: ${kind}, concurrency ${CONCURRENCY}`);
  console.log(`sign:     ${SIGNERS} new signatures in ${signSeconds.toFixed(2)} s = ${(SIGNERS / signSeconds).toFixed(0)}/s`);
  console.log(`repeat:   ${SIGNERS / 4} repeat submissions in ${repeatSeconds.toFixed(2)} s = ${(SIGNERS / 4 / repeatSeconds).toFixed(0)}/s`);
  console.log(`confirm:  ${tokens.length * 2} confirmations (each token twice) in ${confirmSeconds.toFixed(2)} s = ${((tokens.length * 2) / confirmSeconds).toFixed(0)}/s`);
  console.log(`count:    ${counted} confirmed (expected ${SIGNERS}) ${counted === SIGNERS ? 'EXACT' : 'WRONG'}`);
  console.log(`export:   ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${exportSeconds.toFixed(2)} s; RSS grew ${((peakRss - rssBefore) / 1e6).toFixed(0)} MB`);
  await cleanup();
  if (counted !== SIGNERS) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
