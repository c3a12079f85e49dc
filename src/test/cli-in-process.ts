import { vi } from 'vitest';
import { main } from '../cli/main.ts';
import type { TestContext } from './db.ts';

/** Runs `tuanwu …` in this process against the test database, as a clerk would from the shell. */
export async function cli(ctx: TestContext, ...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const env = {
    TUANWU_DATA_DIR: process.env.TUANWU_DATA_DIR,
    TUANWU_SECRET: process.env.TUANWU_SECRET,
  };
  Object.assign(process.env, { TUANWU_DATA_DIR: ctx.config.dataDir, TUANWU_SECRET: ctx.config.secret });
  try {
    // The database is named on the command line, as IMPORT-SPEC.md shows (`--db URL`).
    return { code: await main([...argv, '--db', ctx.config.databaseUrl]), out: lines.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    log.mockRestore();
    error.mockRestore();
  }
}
