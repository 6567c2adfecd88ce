/**
 * Shared pieces of the HTTP and database benchmarks: scratch databases, free ports, child
 * processes, a bounded keep-alive load loop with latencies, and figure formatting.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startChild, type Child } from '../tests/helpers/child-process';

export const ROOT = path.join(__dirname, '..');
export const PG_SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Settings the bench process needs before it imports anything that reads the environment. */
export function benchEnv(): void {
  process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-00';
  process.env.DATA_ENCRYPTION_KEY ??= 'YmVuY2gtb25seS1kYXRhLWtleS1ub3QtYS1zZWNyZXQ=';
  process.env.MAIL_WORKER = 'off';
  process.env.LOG_LEVEL = 'warn';
  process.env.RATE_LIMITS = 'off';
}

/** A throwaway, migrated database on the local server. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(PG_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  const { openDatabase, migrateDatabase } = await import('../db/client');
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
  await migrateDatabase(handle);
  await handle.close();
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export { startChild, type Child } from '../tests/helpers/child-process';

/** `next start` of the build in .next, as production runs it. */
export async function startApp(port: number, env: Record<string, string>): Promise<Child> {
  return startChild(
    ['npx', 'next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      AUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: 'bench-only-auth-secret-not-for-production-01',
      DATA_ENCRYPTION_KEY: 'YmVuY2gtb25seS1kYXRhLWtleS1ub3QtYS1zZWNyZXQ=',
      EMAIL_FROM: 'Undersigned <letters@undersigned.test>',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'off',
      ...env,
    },
    async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok,
  );
}

/** The fake Resend API in a process of its own (so it takes no time from the process measured). */
export async function startFakeResend(port: number): Promise<Child & { url: string }> {
  const url = `http://127.0.0.1:${port}`;
  const child = await startChild(['npx', 'tsx', 'tests/helpers/fake-resend-server.ts'], { FAKE_RESEND_PORT: String(port) }, async () => (await fetch(`${url}/_test/count`)).ok);
  return { ...child, url };
}

export type Reply = { status: number; body: string };

/** One keep-alive agent per run; `post` sends JSON and reads the whole answer. */
export function client(base: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const url = new URL(base);
  function send(method: string, pathname: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: pathname,
          headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
          timeout: 30_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('client timeout')));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
  return { send, close: () => agent.destroy() };
}

export type LoadResult = { done: number; ok: number; errors: Map<string, number>; seconds: number; latencies: number[] };

/**
 * `connections` workers each send one request after the other, until `seconds` have passed or
 * `items` run out. Bounded in time: it always stops by itself.
 */
export async function runLoad(options: {
  connections: number;
  seconds: number;
  count?: number;
  request: (i: number) => Promise<Reply>;
  ok: (reply: Reply, i: number) => boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let next = 0;
  let ok = 0;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline && (options.count === undefined || next < options.count)) {
        const i = next++;
        const t = performance.now();
        try {
          const reply = await options.request(i);
          latencies.push(performance.now() - t);
          if (options.ok(reply, i)) ok++;
          else {
            const key = `HTTP ${reply.status} ${reply.body.slice(0, 80)}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
        } catch (error) {
          latencies.push(performance.now() - t);
          const key = error instanceof Error ? error.message : String(error);
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  return { done: latencies.length, ok, errors, seconds: (performance.now() - start) / 1000, latencies };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function describeLoad(label: string, result: LoadResult, unit: string): { rate: number; p50: number; p99: number; line: string } {
  const rate = result.ok / result.seconds;
  const p50 = percentile(result.latencies, 50);
  const p99 = percentile(result.latencies, 99);
  const errors = [...result.errors].map(([k, n]) => `${n}× ${k}`).join('; ');
  return {
    rate,
    p50,
    p99,
    line: `${label}: ${result.ok} ${unit} in ${result.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${errors ? `, errors: ${errors}` : ''}`,
  };
}

export function verdict(met: boolean): string {
  return met ? 'MET' : 'NOT MET';
}

/** Stops everything started, whatever happened; each cleanup runs once. */
export function cleanups() {
  const list: (() => Promise<unknown>)[] = [];
  return {
    add(fn: () => Promise<unknown>) {
      list.push(fn);
    },
    async run() {
      for (const fn of list.reverse()) await fn().catch((error) => console.error('cleanup failed:', error));
      list.length = 0;
    },
  };
}

/** The machine and how busy it was: other processes share these cores. */
export function machineLine(): string {
  const [one, five] = os.loadavg();
  return `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) at the end — includes other work on the machine`;
}
