import { defineConfig } from 'vitest/config';

// Three projects: main-process and shared code under plain Node (the forks pool, because native
// addons such as better-sqlite3 and onnxruntime-node are not safe to load in worker threads that
// vitest recycles), renderer components under jsdom, and end-to-end runs in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds out/renderer once per run when sources are newer, for the web host to serve.
          globalSetup: ['test/helpers/buildRenderer.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
