/**
 * Several web processes and one background worker on one PostgreSQL: `npm run start:cluster`.
 * Needs DATABASE_URL (PGlite allows one process only) and a build (`npm run build`).
 * CLUSTER_APPS (default 3) web processes listen on PORT, PORT+1, …; put any load balancer in
 * front of them (docs/deploy.md). The web processes run no background work (MAIL_WORKER=off);
 * the worker sends mail and rolls up counts. Ctrl-C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeDb, getDb } from '@/db/client';
import { getEnv } from '@/lib/env';

async function main() {
  const env = getEnv();
  if (!env.databaseUrl) {
    console.error('npm run start:cluster needs DATABASE_URL: several processes cannot share one embedded PGlite folder.');
    process.exit(1);
  }
  const apps = env.clusterApps;
  // Migrate once, before the processes start, so they do not race to do it.
  await getDb();
  await closeDb();

  const children: ChildProcess[] = [];
  const run = (name: string, args: string[], extra: Record<string, string>) => {
    const child = spawn('npx', args, { env: { ...process.env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((line) => `[${name}] ${line}\n`)
        .join('');
    child.stdout.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
    child.on('exit', (code) => {
      console.error(`[${name}] exited (${code}); stopping the cluster`);
      stopAll(code ?? 1);
    });
    children.push(child);
  };
  for (let i = 0; i < apps; i++) {
    const port = env.port + i;
    run(`web:${port}`, ['next', 'start', '-p', String(port)], { PORT: String(port), MAIL_WORKER: 'off' });
  }
  run('worker', ['tsx', 'scripts/worker.ts'], {});

  let stopping = false;
  function stopAll(code: number) {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 3_000).unref();
  }
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
