/**
 * What the process benches (cluster, checkin-burst, write-burst) share: their command line, with `--pg` for every
 * one of them, and src/test/processes.ts loaded only once TEST_PG_URL says which PostgreSQL server to use (the
 * harness reads it when loaded).
 */
import os from 'node:os';
import { type ParseArgsConfig, parseArgs } from 'node:util';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithPg<O extends Options> = O & { pg: { type: 'string' } };

/**
 * Parses the bench's options (plus `--pg postgres://…`), points TEST_PG_URL at the server (`--pg`, else the
 * environment's, else the local one when `postgres` is 'always'), then loads the process harness.
 */
export async function benchSetup<const O extends Options>(
  options: O,
  { postgres }: { postgres: 'always' | 'with --pg' },
) {
  const { values } = parseArgs<{ options: WithPg<O> }>({
    options: { ...options, pg: { type: 'string' } } as WithPg<O>,
  });
  const pg = (values as { pg?: string }).pg;
  if (pg) process.env.TEST_PG_URL = pg;
  else if (postgres === 'always') process.env.TEST_PG_URL ??= DEFAULT_PG_URL;
  const processes = await import('../src/test/processes.ts');
  /** A numeric option's value (every option is a string on the command line). */
  const number = (name: keyof O & string): number => {
    const value = Number((values as Record<string, unknown>)[name]);
    if (!Number.isFinite(value)) throw new Error(`--${name}: a number, please`);
    return value;
  };
  return { args: values, pg, number, processes };
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;

/** The machine's load average (1, 5 and 15 minutes), printed beside every figure: the benches share the machine. */
export const loadAverage = (digits = 1) =>
  os
    .loadavg()
    .map((l) => l.toFixed(digits))
    .join(' ');
