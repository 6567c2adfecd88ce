/**
 * A delivery packet as an organiser records it: createDelivery with letter.pdf, signatories.xlsx
 * and signatories.csv (documents, commitments, zip, and storing it all in one transaction) on a
 * scratch PostgreSQL database, against the same three documents written one after another into a
 * stream that drops the bytes (the bare cost of the documents alone), in the same run, each side
 * in a child process of its own so that its peak RSS is its own. Then one re-download through
 * readPacket, whose SHA-256 must be the stored packet's.
 *   npm run bench:packet
 * Knobs: BENCH_ROWS (100000). Target: a packet of 100,000 signatures in at most 90 s.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { DocumentFormat } from '../lib/documents/export-document';
import { benchSizes, mb, runDocumentBench, runJsonChild, SLUG } from './documents';
import { benchEnv } from './lib';

benchEnv();

const FORMATS: DocumentFormat[] = ['pdf', 'xlsx', 'csv'];
const TARGET_SECONDS = 90;
const ORGANISER = { userId: 'bench-organiser', email: 'organiser@bench.test', isAdmin: false };

type Step = { format: string; seconds: number; bytes: number };
type BaselineFigures = { seconds: number; steps: Step[]; signatories: number; peakRssMb: number; startRssMb: number };
type PacketFigures = {
  seconds: number;
  signatures: number;
  packetBytes: number;
  files: { name: string; bytes: number }[];
  peakRssMb: number;
  startRssMb: number;
  readSeconds: number;
  sha256: string;
  storedSha256: string;
  storedBytes: number;
};

/** Points the app at the scratch database and finds the bench campaign, before the clock starts. */
async function connect(databaseUrl: string) {
  const { openDatabase, setDatabase } = await import('../db/client');
  const handle = await openDatabase({ databaseUrl, poolSize: 2 });
  setDatabase(handle);
  const { findCampaignBySlug } = await import('../lib/campaigns/find-campaign-by-slug');
  const campaign = await findCampaignBySlug(SLUG);
  if (!campaign) throw new Error(`no campaign ${SLUG}`);
  return { handle, campaign };
}

function rssMb(): { peakRssMb: number; nowMb: number } {
  return { peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6, nowMb: process.memoryUsage().rss / 1e6 };
}

/** The three documents, one after the other, each into a stream that counts the bytes and drops them. */
async function baseline(databaseUrl: string): Promise<BaselineFigures> {
  const { handle, campaign } = await connect(databaseUrl);
  const { prepareDocument } = await import('../lib/documents/export-document');
  const { signatoryFiltersSchema } = await import('../lib/signatories/filters');
  const filters = signatoryFiltersSchema.parse({});
  const startRssMb = rssMb().nowMb;
  const generatedAt = new Date();
  const steps: Step[] = [];
  let signatories = 0;
  const started = performance.now();
  for (const format of FORMATS) {
    const t = performance.now();
    const prepared = await prepareDocument(campaign, format, filters, { confirmedBefore: generatedAt, generatedAt });
    let bytes = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    await prepared.write(prepared.source, out);
    await finished(out);
    signatories = prepared.source.context.counts.total;
    steps.push({ format, seconds: (performance.now() - t) / 1000, bytes });
  }
  const seconds = (performance.now() - started) / 1000;
  const { peakRssMb } = rssMb();
  await handle.close();
  return { seconds, steps, signatories, peakRssMb, startRssMb };
}

/** createDelivery end to end, then the packet read back as a download reads it. */
async function packet(databaseUrl: string): Promise<PacketFigures> {
  const { handle, campaign } = await connect(databaseUrl);
  const { createDelivery } = await import('../lib/deliveries/create-delivery');
  const { readPacket } = await import('../lib/deliveries/read-packet');
  const startRssMb = rssMb().nowMb;
  const started = performance.now();
  const created = await createDelivery(ORGANISER, SLUG, { addressee: campaign.addressees[0].name, channel: 'email', formats: FORMATS });
  const seconds = (performance.now() - started) / 1000;
  const { peakRssMb } = rssMb();

  const readStarted = performance.now();
  const stored = await readPacket(ORGANISER, SLUG, created.id);
  const readSeconds = (performance.now() - readStarted) / 1000;
  const { sql } = await import('drizzle-orm');
  const { resultRows } = await import('../db/client');
  const [row] = resultRows<{ packet_bytes: number }>(await handle.db.execute(sql`select packet_bytes from deliveries where id = ${created.id}`));
  await handle.close();
  return {
    seconds,
    signatures: created.counts.total,
    packetBytes: stored.bytes.length,
    files: created.files.map(({ name, bytes }) => ({ name, bytes })),
    peakRssMb,
    startRssMb,
    readSeconds,
    sha256: createHash('sha256').update(stored.bytes).digest('hex'),
    storedSha256: stored.sha256,
    storedBytes: Number(row.packet_bytes),
  };
}

async function child(mode: string, databaseUrl: string): Promise<void> {
  const figures = mode === 'packet' ? await packet(databaseUrl) : await baseline(databaseUrl);
  console.log(JSON.stringify(figures));
}

if (process.argv[2] === 'child') {
  child(process.argv[3], process.argv[4])
    .then(() => process.exit())
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
} else {
  runDocumentBench('packet', `createDelivery (${FORMATS.join(' + ')}, channel email), PostgreSQL`, benchSizes('100000'), async ({ size, databaseUrl, campaignId, sql }) => {
    // An organiser of the campaign, so createDelivery's access check passes as it does for a signed-in member.
    await sql`insert into users (id, name, email) values (${ORGANISER.userId}, 'Bench Organiser', ${ORGANISER.email}) on conflict do nothing`;
    await sql`insert into campaign_members (campaign_id, user_id, role) values (${campaignId}, ${ORGANISER.userId}, 'owner') on conflict do nothing`;

    const bare = await runJsonChild<BaselineFigures>(__filename, ['child', 'baseline', databaseUrl]);
    const app = await runJsonChild<PacketFigures>(__filename, ['child', 'packet', databaseUrl]);
    const steps = bare.steps.map((s) => `${s.format} ${s.seconds.toFixed(1)} s (${mb(s.bytes)})`).join(', ');
    const files = app.files.map((f) => `${f.name} ${mb(f.bytes)}`).join(', ');
    console.log(`  baseline: prepareDocument + writer into a discarding stream, one after another: ${bare.seconds.toFixed(1)} s (${steps}); ${bare.signatories.toLocaleString('en')} signatories; peak RSS ${bare.peakRssMb.toFixed(0)} MB (process, ${bare.startRssMb.toFixed(0)} MB before)`);
    console.log(`  packet:   createDelivery (build, commitments, zip, stored): ${app.seconds.toFixed(1)} s; ${app.signatures.toLocaleString('en')} signatures; packet ${mb(app.packetBytes)} (${files}); peak RSS ${app.peakRssMb.toFixed(0)} MB (process, ${app.startRssMb.toFixed(0)} MB before)`);
    console.log(`  ratio packet/baseline: ${(app.seconds / bare.seconds).toFixed(2)}x time, ${(app.peakRssMb / bare.peakRssMb).toFixed(2)}x peak RSS`);
    const same = app.sha256 === app.storedSha256 && app.packetBytes === app.storedBytes;
    console.log(`  re-download (readPacket): ${app.readSeconds.toFixed(2)} s; SHA-256 ${app.sha256.slice(0, 16)}… ${same ? 'equals' : 'DIFFERS FROM'} the stored packet's (${app.storedSha256.slice(0, 16)}…, ${app.storedBytes.toLocaleString('en')} bytes)`);
    const counted = app.signatures === bare.signatories;
    if (!counted) console.log(`  the packet holds ${app.signatures} signatures, the documents ${bare.signatories}: WRONG`);
    const fast = app.seconds <= TARGET_SECONDS;
    console.log(`  target (${size.toLocaleString('en')} signatures in <= ${TARGET_SECONDS} s): ${fast ? 'PASS' : 'FAIL'}`);
    return fast && same && counted;
  });
}
