/**
 * The bare baseline for the HTTP benchmarks: node:http and postgres.js (pool of 10, as the
 * app's DB_POOL_SIZE default), doing the same database work as the app's route, nothing else.
 *   BASELINE_MODE=intake   POST /sign     {email, givenName, familyName, country, visibility}
 *                          -> insert signature (on conflict do nothing), its token and one outbox row, in one transaction
 *   BASELINE_MODE=confirm  POST /confirm  {token}
 *                          -> look the token hash up, conditional update pending -> confirmed, count delta, in one transaction
 * Started by bench/intake.bench.ts and bench/confirm.bench.ts as a child process.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';

const mode = process.env.BASELINE_MODE;
const port = Number(process.env.PORT);
let campaignId = process.env.BASELINE_CAMPAIGN_ID;
// A mail body of the app's size (passed in, rendered once by the bench): only the link differs.
const html = process.env.BASELINE_HTML ?? '<p>Confirm: __BENCH_LINK__</p>';
const text = process.env.BASELINE_TEXT ?? 'Confirm: __BENCH_LINK__';

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
type Database = { query: Query; transaction: <T>(fn: (query: Query) => Promise<T>) => Promise<T>; end: () => Promise<void> };

/** PostgreSQL through postgres.js, or (BASELINE_PGLITE_DIR) the embedded PGlite the app would use. */
async function openBaselineDatabase(): Promise<Database> {
  const dir = process.env.BASELINE_PGLITE_DIR;
  if (!dir) {
    const sql = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DB_POOL_SIZE ?? 10), onnotice: () => {} });
    return {
      query: (t, p = []) => sql.unsafe(t, p as never[]) as unknown as Promise<Record<string, unknown>[]>,
      transaction: (fn) => sql.begin((tx) => fn((t, p = []) => tx.unsafe(t, p as never[]) as unknown as Promise<Record<string, unknown>[]>)) as never,
      end: () => sql.end({ timeout: 1 }),
    };
  }
  const { openDatabase, migrateDatabase } = await import('../db/client');
  const handle = await openDatabase({ pgliteDir: dir });
  await migrateDatabase(handle);
  await handle.close();
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite(dir);
  await pg.waitReady;
  return {
    query: async (t, p = []) => (await pg.query<Record<string, unknown>>(t, p)).rows,
    transaction: (fn) => pg.transaction((tx) => fn(async (t, p = []) => (await tx.query<Record<string, unknown>>(t, p)).rows)),
    end: () => pg.close(),
  };
}

const LINK_MARK = '__BENCH_LINK__';
const dataKey = randomBytes(32);

function hash(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

async function main() {
  const db = await openBaselineDatabase();
  if (mode === 'intake' && !campaignId) {
    // PGlite: the bench cannot reach the embedded database, so the campaign is made here.
    const [row] = await db.query(
      `with w as (insert into workspaces (name) values ('Bench') returning id) insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id) select 'baseline', 'Baseline', 'Text', '["OHCHR"]'::jsonb, 'published', now(), w.id from w returning id`,
    );
    campaignId = row.id as string;
  }

  async function sign(body: { email: string; givenName: string; familyName: string; country: string; visibility: string }) {
    const canonical = body.email.trim().toLowerCase();
    // The app's crypto too: the signer sealed as one unit (AES-256-GCM), found by a keyed hash.
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
    const sealed = Buffer.concat([Buffer.of(1), nonce, cipher.update(JSON.stringify({ email: body.email, givenName: body.givenName, familyName: body.familyName })), cipher.final(), cipher.getAuthTag()]);
    const index = createHmac('sha256', dataKey).update(canonical).digest('hex');
    await db.transaction(async (query) => {
      const [row] = await query(
        `insert into signatures (campaign_id, pii, email_index, country, visibility,
           consent_version, consent_locale, consented_at, last_mailed_at)
         values ($1, $2, $3, $4, $5, 'bench', 'en', now(), now())
         on conflict (campaign_id, email_index) do nothing
         returning id`,
        [campaignId, sealed, index, body.country, body.visibility],
      );
      if (!row) return;
      const token = randomBytes(32).toString('base64url');
      await query(`insert into signature_tokens (token_hash, signature_id, expires_at) values ($1, $2, now() + interval '7 days')`, [hash(token), row.id]);
      const link = `http://127.0.0.1/confirm/${token}`;
      // The mail sealed and matched by a keyed hash of its address, as the app's outbox row is.
      const mailNonce = randomBytes(12);
      const mailCipher = createCipheriv('aes-256-gcm', dataKey, mailNonce);
      const mail = JSON.stringify({ to: body.email, html: html.split(LINK_MARK).join(link), text: text.split(LINK_MARK).join(link) });
      const sealedMail = Buffer.concat([Buffer.of(1), mailNonce, mailCipher.update(mail), mailCipher.final(), mailCipher.getAuthTag()]);
      await query(
        `insert into outbox (kind, campaign_id, address_hash, sealed, from_address, subject)
         values ('confirm-signature', $1, $2, $3, 'Undersigned <letters@undersigned.test>', 'Confirm your signature')`,
        [campaignId, createHmac('sha256', dataKey).update(canonical).digest('hex'), sealedMail],
      );
    });
  }

  async function confirm(token: string): Promise<number> {
    const [row] = await db.query(`select signature_id from signature_tokens where token_hash = $1 and purpose = 'confirm' limit 1`, [hash(token)]);
    if (!row) return 404;
    return db.transaction(async (query) => {
      const [updated] = await query(
        `update signatures set status = 'confirmed', confirmed_at = now() where id = $1 and status = 'pending' returning campaign_id, country`,
        [row.signature_id],
      );
      if (updated) await query(`insert into signature_count_deltas (campaign_id, country, delta) values ($1, $2, 1)`, [updated.campaign_id, updated.country]);
      return 200;
    });
  }

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        const out = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
        res.end(out);
      };
      if (req.url === '/health') return reply(200, { ok: true });
      let body: Record<string, string>;
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(400, { error: 'bad json' });
      }
      const work =
        mode === 'intake' && req.url === '/sign'
          ? sign(body as never).then(() => reply(202, { status: 'pending_confirmation' }))
          : mode === 'confirm' && req.url === '/confirm'
            ? confirm(body.token).then((status) => reply(status, { status }))
            : Promise.resolve(reply(404, { error: 'no route' }));
      work.catch((error: unknown) => reply(500, { error: String(error) }));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void db.end().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
