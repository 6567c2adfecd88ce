import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Resend HTTP API (https://resend.com/docs/api-reference), shaped after
 * what resend-node 6.x sends and parses: `POST /emails`, `POST /emails/batch`, Bearer auth,
 * `Idempotency-Key`, and `{ statusCode, name, message }` error bodies. Tests drive it in
 * process; Playwright and other processes drive it through the `/_test/*` endpoints.
 */

export type RecordedRequest = {
  method: string;
  path: string;
  /** Lower-cased names, as node receives them. */
  headers: Record<string, string>;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  status: number;
  /** True when the answer was replayed from an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  receivedAt: number;
};

export type SentEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  headers: Record<string, string>;
  cc: string[];
  bcc: string[];
  replyTo: string[];
  tags: { name: string; value: string }[];
  /** Milliseconds since the epoch, when the fake accepted it. */
  createdAt: number;
};

export type FakeFailure = { status: number; headers?: Record<string, string>; times?: number };
/** `hang`: never answer (until the client gives up). `drop`: accept the mails, then lose the answer. */
export type FakeFault = 'hang' | 'drop';

export type FakeResend = {
  url: string;
  port: number;
  requests: RecordedRequest[];
  emails(): SentEmail[];
  clear(): void;
  failNext(status: number, headers?: Record<string, string>, times?: number): void;
  /** The next `times` API requests hang, or are accepted but their answer is lost. */
  faultNext(fault: FakeFault, times?: number): void;
  /** Every API request until `until` (ms since the epoch) answers this status (or hangs). */
  outage(until: number, status: number | 'hang', headers?: Record<string, string>): void;
  close(): Promise<void>;
};

const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;

// Error names the real API uses for each status, so callers can branch on them as in production.
const ERROR_NAMES: Record<number, { name: string; message: string }> = {
  400: { name: 'validation_error', message: 'The request body is invalid.' },
  401: { name: 'missing_api_key', message: 'Missing API key in the authorization header.' },
  403: { name: 'invalid_api_key', message: 'API key is invalid.' },
  404: { name: 'not_found', message: 'The requested endpoint does not exist.' },
  405: { name: 'method_not_allowed', message: 'Method is not allowed for the requested path.' },
  409: { name: 'concurrent_idempotent_requests', message: 'Same idempotency key used while original request is still in progress.' },
  422: { name: 'validation_error', message: 'The request body is invalid.' },
  429: { name: 'rate_limit_exceeded', message: 'Too many requests. You can only make 2 requests per second.' },
  500: { name: 'application_error', message: 'An unexpected error occurred.' },
  503: { name: 'application_error', message: 'Service unavailable.' },
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

type Reply = { status: number; body: unknown; headers: Record<string, string> };

export async function startFakeResend(options: { port?: number } = {}): Promise<FakeResend> {
  const requests: RecordedRequest[] = [];
  let accepted: SentEmail[] = [];
  let failures: { status: number; headers: Record<string, string> }[] = [];
  let faults: FakeFault[] = [];
  let outageUntil = 0;
  let outageStatus: number | 'hang' = 500;
  let outageHeaders: Record<string, string> = {};
  const hanging = new Set<ServerResponse>();
  // Keyed by path and key: a replay answers exactly what the first request got.
  let idempotent = new Map<string, { fingerprint: string; reply: Reply }>();

  function clear(): void {
    requests.length = 0;
    accepted = [];
    failures = [];
    faults = [];
    outageUntil = 0;
    idempotent = new Map();
  }

  function faultNext(fault: FakeFault, times = 1): void {
    for (let i = 0; i < times; i++) faults.push(fault);
  }

  function outage(until: number, status: number | 'hang', headers: Record<string, string> = {}): void {
    outageUntil = until;
    outageStatus = status;
    outageHeaders = headers;
  }

  function failNext(status: number, headers: Record<string, string> = {}, times = 1): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error(`failNext needs a 4xx/5xx status, got ${status}`);
    for (let i = 0; i < times; i++) failures.push({ status, headers });
  }

  function handleApi(req: IncomingMessage, path: string, raw: string): Reply & { replayed: boolean } {
    const failure = failures.shift();
    if (failure) return { ...errorReply(failure.status), headers: failure.headers, replayed: false };

    const authorization = header(req, 'authorization');
    const key = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!key) return { ...errorReply(401), replayed: false };
    if (!key.startsWith('re_')) return { ...errorReply(403), replayed: false };

    const idempotencyKey = header(req, 'idempotency-key');
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
      return { ...errorReply(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'), replayed: false };
    }
    const cacheKey = idempotencyKey ? `${path}\n${idempotencyKey}` : undefined;
    const earlier = cacheKey ? idempotent.get(cacheKey) : undefined;
    if (earlier) {
      if (earlier.fingerprint !== raw) {
        return {
          ...errorReply(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.'),
          replayed: false,
        };
      }
      return { ...earlier.reply, replayed: true };
    }

    let reply: Reply;
    try {
      const body = parseJson(raw);
      reply = path === '/emails' ? sendOne(body) : sendBatch(body, header(req, 'x-batch-validation') ?? 'strict');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply = errorReply(error.status, error.errorName, error.message);
    }
    // Like Resend, only a request that succeeded is remembered; a failed one may be retried with the same key.
    if (cacheKey && reply.status < 400) idempotent.set(cacheKey, { fingerprint: raw, reply });
    return { ...reply, replayed: false };
  }

  function sendOne(body: unknown): Reply {
    const email = validateEmail(body);
    accepted.push(email);
    return { status: 200, body: { id: email.id }, headers: {} };
  }

  function sendBatch(body: unknown, mode: string): Reply {
    if (!Array.isArray(body)) throw new ApiError(422, 'validation_error', 'The batch body must be an array of emails.');
    if (body.length === 0) throw new ApiError(422, 'validation_error', 'The batch must contain at least 1 email.');
    if (body.length > MAX_BATCH) {
      throw new ApiError(422, 'validation_error', `Too many emails in batch: ${body.length}. The maximum is ${MAX_BATCH}.`);
    }
    const results = body.map((item, index) => {
      try {
        for (const field of ['attachments', 'scheduled_at']) {
          if (item && typeof item === 'object' && (item as Record<string, unknown>)[field] !== undefined) {
            throw new ApiError(422, 'validation_error', `The \`${field}\` field is not supported in batch emails.`);
          }
        }
        return { email: validateEmail(item) };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return { error: { index, message: error.message }, cause: error };
      }
    });
    const errors = results.flatMap((result) => (result.error ? [result.error] : []));
    if (mode !== 'permissive') {
      // Strict mode (the SDK's default): one bad email rejects the whole batch.
      const first = results.find((result) => result.cause);
      if (first?.cause) throw new ApiError(422, first.cause.errorName, `emails[${first.error.index}]: ${first.cause.message}`);
    }
    const emails = results.flatMap((result) => (result.email ? [result.email] : []));
    accepted.push(...emails);
    const data = emails.map((email) => ({ id: email.id }));
    return { status: 200, body: mode === 'permissive' ? { data, errors } : { data }, headers: {} };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-resend');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const raw = await readBody(req);

    if (path.startsWith('/_test/')) return handleControl(req.method ?? 'GET', path, raw, res, url.searchParams);

    const isApi = path === '/emails' || path === '/emails/batch';
    const inOutage = isApi && Date.now() < outageUntil;
    const fault = isApi && !inOutage ? faults.shift() : undefined;
    if ((inOutage && outageStatus === 'hang') || fault === 'hang') {
      // Like a provider that accepted the connection and went silent: no answer until the client aborts.
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      requests.push(record(req, url.pathname, raw, 0, false));
      return;
    }
    let reply: Reply & { replayed: boolean };
    if (inOutage) reply = { ...errorReply(outageStatus as number), headers: outageHeaders, replayed: false };
    else if (path !== '/emails' && path !== '/emails/batch') reply = { ...errorReply(404), replayed: false };
    else if (req.method !== 'POST') reply = { ...errorReply(405), replayed: false };
    else reply = handleApi(req, path, raw);

    requests.push(record(req, url.pathname, raw, reply.status, reply.replayed));
    if (fault === 'drop') {
      // The mails were accepted (and the key remembered), but the answer never reaches the client.
      res.socket?.destroy();
      return;
    }
    sendJson(res, reply.status, reply.body, reply.headers);
  }

  function record(req: IncomingMessage, path: string, raw: string, status: number, replayed: boolean): RecordedRequest {
    return {
      method: req.method ?? 'GET',
      path,
      headers: flattenHeaders(req),
      authorization: header(req, 'authorization'),
      idempotencyKey: header(req, 'idempotency-key'),
      body: parseJsonLoosely(raw),
      status,
      replayed,
      receivedAt: Date.now(),
    };
  }

  function handleControl(method: string, path: string, raw: string, res: ServerResponse, query: URLSearchParams): void {
    const to = query.get('to');
    if (method === 'GET' && path === '/_test/emails') return sendJson(res, 200, to ? accepted.filter((e) => e.to.some((a) => a.includes(to))) : accepted);
    if (method === 'GET' && path === '/_test/count') {
      return sendJson(res, 200, { count: to ? accepted.filter((e) => e.to.some((a) => a.includes(to))).length : accepted.length });
    }
    if (method === 'GET' && path === '/_test/requests') return sendJson(res, 200, requests);
    if (method === 'POST' && path === '/_test/clear') {
      clear();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/_test/fault') {
      const body = parseJsonLoosely(raw) as { fault?: string; times?: number } | null;
      if (body?.fault !== 'hang' && body?.fault !== 'drop') return sendJson(res, 400, { ok: false, message: 'fault must be hang or drop' });
      faultNext(body.fault, body.times ?? 1);
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/_test/outage') {
      const body = parseJsonLoosely(raw) as { seconds?: number; status?: number | 'hang'; headers?: Record<string, string> } | null;
      outage(Date.now() + Number(body?.seconds ?? 0) * 1000, body?.status ?? 500, body?.headers ?? {});
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/_test/fail') {
      try {
        const body = parseJson(raw) as Partial<FakeFailure> | null;
        failNext(Number(body?.status), body?.headers ?? {}, body?.times ?? 1);
        return sendJson(res, 200, { ok: true, pending: failures.length });
      } catch (error) {
        return sendJson(res, 400, { ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    }
    sendJson(res, 404, { ok: false, message: `no test endpoint ${method} ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, { statusCode: 500, name: 'application_error', message: `fake resend crashed: ${String(error)}` });
    });
  });
  // The SDK's fetch keeps connections alive; don't let them hold close() open.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    emails: () => [...accepted],
    clear,
    failNext,
    faultNext,
    outage,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.socket?.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function validateEmail(input: unknown): SentEmail {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new ApiError(422, 'validation_error', 'Each email must be a JSON object.');
  }
  const email = input as Record<string, unknown>;
  if (typeof email.from !== 'string' || !email.from.trim()) throw missing('from');
  const to = addressList(email.to, 'to');
  if (to.length === 0) throw missing('to');
  if (to.length > MAX_RECIPIENTS) throw new ApiError(422, 'validation_error', `The \`to\` field can have at most ${MAX_RECIPIENTS} recipients.`);
  if (typeof email.subject !== 'string' || !email.subject.trim()) throw missing('subject');
  const html = optionalString(email.html, 'html');
  const text = optionalString(email.text, 'text');
  if (html === undefined && text === undefined && email.template === undefined) {
    throw new ApiError(422, 'validation_error', 'Missing `html` or `text` field.');
  }
  const headers = email.headers ?? {};
  if (typeof headers !== 'object' || Array.isArray(headers) || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw new ApiError(422, 'validation_error', 'The `headers` field must be an object of strings.');
  }
  return {
    id: randomUUID(),
    from: email.from,
    to,
    subject: email.subject,
    html,
    text,
    headers: headers as Record<string, string>,
    cc: addressList(email.cc, 'cc'),
    bcc: addressList(email.bcc, 'bcc'),
    replyTo: addressList(email.reply_to, 'reply_to'),
    tags: Array.isArray(email.tags) ? (email.tags as { name: string; value: string }[]) : [],
    createdAt: Date.now(),
  };
}

function missing(field: string): ApiError {
  return new ApiError(422, 'validation_error', `Missing \`${field}\` field.`);
}

function addressList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => typeof item !== 'string' || !item.includes('@'))) {
    throw new ApiError(422, 'validation_error', `Invalid \`${field}\` field. Use an email address or an array of them.`);
  }
  return list as string[];
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ApiError(422, 'validation_error', `The \`${field}\` field must be a string.`);
  return value;
}

function errorReply(status: number, name?: string, message?: string): Reply {
  const known = ERROR_NAMES[status] ?? { name: status >= 500 ? 'application_error' : 'validation_error', message: `HTTP ${status}` };
  return { status, body: { statusCode: status, name: name ?? known.name, message: message ?? known.message }, headers: {} };
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    throw new ApiError(400, 'validation_error', 'The request body is not valid JSON.');
  }
}

function parseJsonLoosely(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return raw;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.keys(req.headers).map((name) => [name, header(req, name) ?? '']));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}
