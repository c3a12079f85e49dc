import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Tests that need a database or a child process are named `*.integration.test.ts` or `*.acceptance.test.ts`. */
const DATABASE_TESTS = ['src/**/*.integration.test.ts', 'src/**/*.acceptance.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file has its own databases; two workers match this machine's two cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: DATABASE_TESTS,
          // Pure functions: one module graph per worker thread instead of one per file. With isolation each file
          // loaded ExcelJS, Kysely and TypeBox again — half the tier's CPU (issue 16, item 4).
          pool: 'threads',
          isolate: false,
          // A unit test that opens a database fails at once, naming the rule (src/test/unit-tier.setup.ts).
          setupFiles: ['src/test/unit-tier.setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: DATABASE_TESTS,
          // Each file builds its own databases and app, so files need no fresh module graph: with one per file the
          // worker spent most of its time importing the app again (12 files at load 30: import 221 s of 221 s, 47 s
          // CPU; without isolation 40 s, 20 s CPU). Module state is per AppContext, not per module.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // The admin's own modules that need no page (admin/src/api): node's fetch, Request and Response.
          name: 'admin',
          include: ['admin/src/**/*.test.ts'],
        },
        resolve: { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } },
      },
    ],
  },
});
