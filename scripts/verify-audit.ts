/**
 * Checks the audit log's hash chain: `npm run audit:verify [-- --expect-head <hash>]`.
 * Exits 0 and prints the head when every entry holds, 1 naming the first entry that does not.
 * Keep the printed head somewhere the database's administrators cannot write, and pass it
 * next time: that is what shows entries removed from the end (see docs/security.md).
 */
import { closeDb, getDb } from '@/db/client';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';

function expectedHead(args: string[]): string | undefined {
  const at = args.indexOf('--expect-head');
  if (at === -1) return undefined;
  const hash = args[at + 1]?.trim().toLowerCase();
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) {
    console.error('--expect-head takes the 64 hexadecimal digits of a head printed earlier');
    process.exit(2);
  }
  return hash;
}

const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;

async function main() {
  const expectHead = expectedHead(process.argv.slice(2));
  const report = await verifyAuditChain(await getDb(), { expectHead });
  await closeDb();
  if (!report.ok) {
    console.error(`audit log BROKEN (${entries(report.count)} sound before the break): ${report.message}`);
    process.exit(1);
  }
  console.log(`audit log intact: ${entries(report.count)}${expectHead ? `, including the head kept earlier` : ''}`);
  console.log(report.head ? `head: entry ${report.head.id} ${report.head.hash}` : 'head: none (the log is empty)');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
