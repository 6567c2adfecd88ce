import { test } from '@playwright/test';
import postgres from 'postgres';
import { startChild } from '../../helpers/child-process';

export const PG_SERVER_URL = process.env.E2E_PG_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const FAKE_RESEND_URL = `http://127.0.0.1:${process.env.FAKE_RESEND_PORT ?? 3999}`;

/** Whether a PostgreSQL server is there for the specs that need one (several processes, outages). */
export async function postgresAvailable(): Promise<boolean> {
  const sql = postgres(PG_SERVER_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * For the specs that start their own app processes on PostgreSQL (an outage, several processes).
 * They skip in two cases, and only these: CI runs them once, with the PostgreSQL journeys, and
 * sets E2E_SKIP_POSTGRES_SPECS=1 for the PGlite run; and a developer's machine may have no
 * PostgreSQL server, where they cannot run at all (the README says how to give them one).
 * Call it first thing in the spec's beforeAll.
 */
export async function skipUnlessPostgres(): Promise<void> {
  // Reason: .ci/run runs these specs in its PostgreSQL e2e pass; its PGlite pass would only repeat them.
  test.skip(process.env.E2E_SKIP_POSTGRES_SPECS === '1', 'run once per CI run, with the PostgreSQL journeys');
  // Reason: they stop and restart a PostgreSQL database; without a server there is nothing to test.
  test.skip(!(await postgresAvailable()), 'needs a PostgreSQL server');
}

/** A throwaway database on the server, dropped by `drop()`. */
export async function createScratchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(PG_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type AppProcess = { url: string; port: number; ports: number[]; stop: () => Promise<void>; output: () => string };

/** `next start` (or `npm run start:cluster`) of the build in .next, as production runs it, with its own settings. */
export async function startAppProcess(options: {
  port: number;
  env: Record<string, string>;
  /** `npm run start:cluster`: this many web processes on port, port + 1, … and a worker. */
  cluster?: number;
}): Promise<AppProcess> {
  const { port } = options;
  const command = options.cluster ? ['npx', 'tsx', 'scripts/cluster.ts'] : ['npx', 'next', 'start', '-p', String(port)];
  const ports = Array.from({ length: options.cluster ?? 1 }, (_, i) => port + i);
  const healthy = async () => {
    for (const p of ports) if (!(await fetch(`http://localhost:${p}/api/health`)).ok) return false;
    return true;
  };
  const child = await startChild(
    command,
    {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      AUTH_URL: `http://localhost:${port}`,
      AUTH_SECRET: 'e2e-only-auth-secret-not-for-production-0001',
      DATA_ENCRYPTION_KEY: 'ZTJlLW9ubHktZGF0YS1rZXktbm90LWEtc2VjcmV0ISE=',
      RESEND_API_KEY: 're_test_e2e',
      RESEND_BASE_URL: FAKE_RESEND_URL,
      EMAIL_FROM: 'Undersigned <letters@undersigned.test>',
      SEED_DEMO: 'false',
      CLUSTER_APPS: String(options.cluster ?? 1),
      ...options.env,
    },
    healthy,
  );
  return { url: `http://localhost:${port}`, port, ports, ...child };
}

/** A published letter written straight into the database (these specs test load, not the dashboard). */
export async function insertPublishedCampaign(databaseUrl: string, slug: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Every letter belongs to a workspace.
    const [row] = await sql`
      with w as (insert into workspaces (name) values ('Load tests') returning id)
      insert into campaigns (slug, title, letter, addressees, status, published_at, workspace_id)
      select ${slug}, 'Release the Harbour Street Five', 'Excellency, we write about five journalists.',
              ${sql.json(['UN High Commissioner for Human Rights'])}, 'published', now(), w.id from w
      returning id`;
    return row.id as string;
  } finally {
    await sql.end();
  }
}

/** Runs `fn` with at most `concurrency` calls in flight until `until` returns true. */
export async function loadLoop(concurrency: number, until: () => boolean, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!until()) await fn(next++);
    }),
  );
}
