import { defineConfig } from 'vitest/config';

/** The fault suite (test/faults): real processes killed, locked and cut off; one file at a time. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
