/**
 * The public letter page under load, next to a bare static page of the same size served by
 * the same `next start`: builds with BENCH=1 (which adds the static baseline route), starts
 * the app on a fresh embedded database with the demo letter, and hammers each address in turn.
 *   npm run bench:page
 * Knobs: BENCH_CONNECTIONS (50), BENCH_SECONDS (20), BENCH_PORT (3400), BENCH_PATHS (comma-separated),
 * BENCH_GZIP=1 to ask for gzip as browsers do, BENCH_SKIP_BUILD=1 to reuse a build made with BENCH=1.
 * Not part of `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.join(__dirname, '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const STATIC_PATH = '/bench-static';
const HEADERS: Record<string, string> = process.env.BENCH_GZIP === '1' ? { 'accept-encoding': 'gzip' } : {};
// The address people share (rewritten by proxy.ts to the reader's language) and a language's own.
const PATHS = (process.env.BENCH_PATHS ?? '/c/free-the-harbour-street-five,/fr/c/free-the-harbour-street-five')
  .split(',')
  .filter(Boolean);

type Result = {
  path: string;
  bytes: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  /** Server CPU per answer: unlike req/s, it holds on a machine shared with other work. */
  cpuMs: number;
};

/** CPU time (user + system, ms) used so far by every process of the server's group; Linux only, else 0. */
function groupCpuMs(group: number): number {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
        if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

function get(url: string, agent: http.Agent): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: HEADERS }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** CONNECTIONS keep-alive connections, each sending its next request as soon as the last answer is read. */
async function load(pathname: string, seconds: number, group: number): Promise<Result> {
  const url = `${BASE}${pathname}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let failed = 0;
  let bytes = 0;
  const cpuBefore = groupCpuMs(group);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          const answer = await get(url, agent);
          if (answer.status !== 200) failed += 1;
          bytes = answer.bytes;
          latencies.push(performance.now() - sent);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = groupCpuMs(group) - cpuBefore;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    path: pathname,
    bytes,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
    failed,
    cpuMs: latencies.length ? cpu / latencies.length : 0,
  };
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const answer = await fetch(`${BASE}/api/health`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the app did not become healthy within 60 s');
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH: '1',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(PORT),
    AUTH_URL: `http://localhost:${PORT}`,
    AUTH_SECRET: 'bench-only-secret-bench-only-secret-0001',
    DATA_ENCRYPTION_KEY: 'YmVuY2gtb25seS1kYXRhLWtleS1ub3QtYS1zZWNyZXQ=',
    EMAIL_FROM: 'Undersigned <bench@undersigned.test>',
    // Production refuses to start without a mail key; nothing is mailed here, so the sender stays off.
    RESEND_API_KEY: 're_bench',
    RESEND_BASE_URL: 'http://127.0.0.1:9',
    MAIL_WORKER: 'off',
    PGLITE_DIR: path.join(root, '.data', `bench-page-${Date.now()}`),
    SEED_DEMO: 'true',
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
  };
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, env, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }

  const server: ChildProcess = spawn('npx', ['next', 'start', '-p', String(PORT)], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Its own process group, so the server and its workers stop together.
    detached: true,
  });
  const stop = () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  };
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    await waitForHealth(server);
    const results: Result[] = [];
    for (const pathname of [STATIC_PATH, ...PATHS]) {
      await load(pathname, 2, server.pid!);
      results.push(await load(pathname, SECONDS, server.pid!));
    }
    const [baseline] = results;
    const compression = HEADERS['accept-encoding'] ? 'gzip' : 'no compression';
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per address, keep-alive, ${compression}\n`);
    console.log('| address | bytes | requests | req/s | p50 ms | p99 ms | max ms | failed | of static | server CPU ms/req |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      const ratio = r === baseline ? '1.00' : (r.perSecond / baseline.perSecond).toFixed(2);
      const latency = [r.p50, r.p99].map((ms) => ms.toFixed(1)).join(' | ');
      const cells = [r.path, r.bytes, r.requests, Math.round(r.perSecond), latency, r.max.toFixed(0), r.failed, ratio, r.cpuMs.toFixed(2)];
      console.log(`| ${cells.join(' | ')} |`);
    }
    // Other work on the machine lowers req/s for every address alike; the ratio and CPU per answer hold.
    console.log(`\nload average at the end: ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  } finally {
    stop();
    await exited;
    rmSync(env.PGLITE_DIR!, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
