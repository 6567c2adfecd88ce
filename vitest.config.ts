import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/helpers/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own process, so module state (the db handle, the parsed env) never leaks between files.
    pool: 'forks',
    fileParallelism: true,
  },
});
