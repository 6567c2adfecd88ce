import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const fakeResendPort = Number(process.env.FAKE_RESEND_PORT ?? 3999);
// next-auth checks the host of its callback URLs, so the app is reached as localhost, never 127.0.0.1.
const baseURL = `http://localhost:${port}`;
// A fresh embedded database per run. Workers load this file again, so the first value is kept in the env they inherit.
process.env.E2E_PGLITE_DIR ??= path.join(__dirname, '.data', `e2e-${Date.now()}`);
const isCI = Boolean(process.env.CI);

const start = `npx next start -p ${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  forbidOnly: isCI,
  workers: 1,
  retries: isCI ? 1 : 0,
  reporter: 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      name: 'fake-resend',
      command: 'npx tsx tests/helpers/fake-resend-server.ts',
      cwd: __dirname,
      env: { FAKE_RESEND_PORT: String(fakeResendPort) },
      url: `http://127.0.0.1:${fakeResendPort}/_test/emails`,
      timeout: 30_000,
      // Specs clear the mailbox themselves, so a fake left running locally can serve the run.
      reuseExistingServer: !isCI,
      stdout: 'pipe',
    },
    {
      name: 'app',
      command: process.env.E2E_SKIP_BUILD === '1' ? start : `npm run build && ${start}`,
      cwd: __dirname,
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      env: {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        AUTH_URL: baseURL,
        AUTH_SECRET: 'e2e-only-auth-secret-not-for-production-0001',
        DATA_ENCRYPTION_KEY: 'ZTJlLW9ubHktZGF0YS1rZXktbm90LWEtc2VjcmV0ISE=',
        RESEND_API_KEY: 're_test_e2e',
        RESEND_BASE_URL: `http://127.0.0.1:${fakeResendPort}`,
        EMAIL_FROM: 'Undersigned <letters@undersigned.test>',
        ADMIN_EMAILS: 'admin@undersigned.test',
        PGLITE_DIR: process.env.E2E_PGLITE_DIR,
        SEED_DEMO: 'false',
        MAIL_WORKER: 'in-process',
        // Every journey comes from one address; the limits have their own spec (abuse.spec.ts).
        RATE_LIMITS: 'off',
        // Empty, not absent: a DATABASE_URL from the developer's shell must not leak into the run.
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      },
    },
  ],
});
