/**
 * Province-scale benchmark on PostgreSQL (issue 14): N counties in bench/report.ts's city shape (~57,700 ledger
 * rows a county, people included), every row imported through the import engine (`importFile`, as a county
 * would upload it), then the 青春答卷 answer sheet of one county (median of 10) and of the whole province, on
 * the primary and on a streaming replica (`scripts/pg-replica.sh`).
 *
 *   npm run bench:province -- [--counties 100] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 *                             [--province-runs 5] [--no-replica] [--keep] [--db tuanwu_province_<pid>]
 *
 * `--db` measures again on a database an earlier `--keep` left: no import; the upgrade's migrations (timed) and a
 * `vacuum analyze`, then the answer sheets; the database is kept.
 * Works in its own database (tuanwu_province_<pid>, created and dropped on that server; --keep keeps it for
 * EXPLAIN ANALYZE). The replica leg starts the standby when it is not running (and stops it afterwards), waits
 * until it has replayed the load, and reads through `forReads` as the server does; it is skipped with the
 * reason printed when the standby cannot start. Prints figures; asserts nothing about them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { closeContext, openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { type AppContext, forReads } from '../src/context.ts';
import { systemActor } from '../src/modules/auth/auth.policy.ts';
import { importFile } from '../src/modules/imports/imports.service.ts';
import { answerSheet } from '../src/modules/reports/reports.service.ts';
import { COUNTY_KINDS, writeCounty, writeTree } from './province-files.ts';

const REPLICA_SCRIPT = path.join(import.meta.dirname, '..', 'scripts', 'pg-replica.sh');
const REPLICA_PORT = process.env.PG_REPLICA_PORT ?? '5433';
const PERIOD = { from: '2022-01-01', to: '2023-12-31' };
const actor = systemActor('基准测试');

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function measure(runs: number, run: () => Promise<unknown>) {
  const t0 = performance.now();
  await run();
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  return { cold, median: warm[Math.floor(runs / 2)]!, best: warm[0]! };
}

async function importOne(ctx: AppContext, kind: string, file: string) {
  const summary = await importFile(
    ctx,
    actor,
    kind,
    { path: file, name: path.basename(file) },
    { dryRun: false },
  );
  if (summary.errorCount > 0) throw new Error(`${kind} refused: ${JSON.stringify(summary)}`);
  return summary;
}

async function importProvince(ctx: AppContext, counties: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-province-files-'));
  try {
    const tree = writeTree(dir, counties);
    await importOne(ctx, 'regions', tree.regions);
    await importOne(ctx, 'orgs', tree.orgs);
    let rows = 0;
    let seconds = 0;
    const perKind = new Map<string, number>();
    for (let c = 0; c < counties; c++) {
      const county = writeCounty(dir, c);
      const started = performance.now();
      for (const kind of COUNTY_KINDS) {
        const t = performance.now();
        await importOne(ctx, kind, county.files[kind]!);
        perKind.set(kind, (perKind.get(kind) ?? 0) + (performance.now() - t) / 1000);
        rmSync(county.files[kind]!);
      }
      const took = (performance.now() - started) / 1000;
      seconds += took;
      rows += county.rows;
      if (c % 10 === 9 || c === counties - 1)
        console.log(
          `  imported ${c + 1}/${counties} counties: ${rows.toLocaleString('en-US')} rows, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s (last county ${took.toFixed(1)} s, load ${load()})`,
        );
    }
    const kinds = [...perKind].map(([k, s]) => `${k} ${s.toFixed(0)} s`).join(' · ');
    console.log(`  import time per kind: ${kinds}`);
    return { rows, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function answerSheets(label: string, ctx: AppContext, provinceRuns: number) {
  const county = await measure(10, async () =>
    answerSheet(await forReads(ctx), actor, { org: 'C0', ...PERIOD }),
  );
  const province = await measure(provinceRuns, async () =>
    answerSheet(await forReads(ctx), actor, { org: 'SP', ...PERIOD }),
  );
  console.log(
    `${label} county answer sheet:   cold ${fmt(county.cold)}  median of 10 ${fmt(county.median)}  best ${fmt(county.best)}`,
  );
  console.log(
    `${label} province answer sheet: cold ${fmt(province.cold)}  median of ${provinceRuns} ${fmt(province.median)}  best ${fmt(province.best)}  (load ${load()})`,
  );
}

function replica(command: string): string {
  return execFileSync('bash', [REPLICA_SCRIPT, command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the standby when it is not running; returns whether this run started it, or why it cannot. */
function startReplica(): { started: boolean } | { skip: string } {
  try {
    if (/standby: running/.test(replica('status'))) return { started: false };
    replica('start');
    return { started: true };
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    return { skip: (e.stderr || e.message).trim().split('\n').slice(-3).join(' / ') };
  }
}

async function waitForReplay(primary: pg.Client, standbyUrl: string) {
  const { rows } = await primary.query('select pg_current_wal_lsn()::text as lsn');
  const standby = new pg.Client({ connectionString: standbyUrl });
  await standby.connect();
  const started = performance.now();
  let streamingSeen = started;
  try {
    for (;;) {
      const { rows: done } = await standby.query(
        'select pg_last_wal_replay_lsn() >= $1::pg_lsn as caught_up',
        [rows[0].lsn],
      );
      if (done[0].caught_up) return (performance.now() - started) / 1000;
      // Without a slot (scripts/pg-replica.sh) a standby stopped while the primary wrote more than wal_keep_size
      // finds its WAL removed and retries for ever: say so rather than wait.
      const { rows: streams } = await primary.query('select count(*)::int as n from pg_stat_replication');
      if (streams[0].n > 0) streamingSeen = performance.now();
      else if (performance.now() - streamingSeen > 30_000)
        throw new Error(
          'the standby has not streamed from the primary for 30 s (its log under the replica folder says why; WAL it needs may be gone): scripts/pg-replica.sh destroy && scripts/pg-replica.sh start',
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await standby.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      counties: { type: 'string', default: '100' },
      pg: { type: 'string' },
      'province-runs': { type: 'string', default: '5' },
      'no-replica': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      db: { type: 'string' },
    },
  });
  const counties = Number(values.counties);
  const provinceRuns = Number(values['province-runs']);
  if (!(counties >= 1 && counties <= 100)) throw new Error('--counties: 1 to 100');
  const pgUrl = values.pg ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(
    `tuanwu province benchmark — ${counties} counties, node ${process.version}, ${os.cpus().length} CPU, load ${load()} (a machine shared with other work)`,
  );
  const existing = values.db;
  if (existing !== undefined && !/^tuanwu_province_\w+$/.test(existing))
    throw new Error('--db: the name of a database an earlier --keep left, tuanwu_province_<pid>');
  const name = existing ?? `tuanwu_province_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const standby = values['no-replica'] ? { skip: '--no-replica' } : startReplica();
  if (!existing) await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const replicaUrl = new URL(url);
  replicaUrl.port = REPLICA_PORT;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-province-'));
  try {
    const env = {
      TUANWU_DATA_DIR: dataDir,
      TUANWU_DB: url.toString(),
      TUANWU_SECRET: 'bench-secret-0123456789abcdef',
    };
    const opening = performance.now();
    const ctx = await openContext(loadConfig(env));
    try {
      if (existing)
        console.log(
          `opened ${name}, its migrations run, in ${((performance.now() - opening) / 1000).toFixed(1)} s`,
        );
      let rows = 0;
      if (!existing) {
        const imported = await importProvince(ctx, counties);
        rows = imported.rows;
        console.log(
          `import: ${rows.toLocaleString('en-US')} ledger rows in ${imported.seconds.toFixed(0)} s — ${Math.round(rows / imported.seconds).toLocaleString('en-US')} rows/s through the import engine`,
        );
      }
      // What autovacuum does within a minute of a load; without it the planner guesses from empty statistics.
      const vacuuming = performance.now();
      await sql`vacuum analyze`.execute(ctx.db);
      if (existing) console.log(`vacuum analyze: ${((performance.now() - vacuuming) / 1000).toFixed(1)} s`);
      const { rows: size } = await admin.query(
        'select pg_size_pretty(pg_database_size($1)) as size, pg_database_size($1) as bytes',
        [name],
      );
      console.log(
        `database size: ${size[0].size}${rows === 0 ? '' : ` (${(Number(size[0].bytes) / rows).toFixed(0)} bytes a ledger row)`}`,
      );
      await answerSheets('primary', ctx, provinceRuns);
    } finally {
      await closeContext(ctx);
    }
    if ('skip' in standby) console.log(`replica leg skipped: ${standby.skip}`);
    else {
      const lag = await waitForReplay(admin, replicaUrl.toString());
      console.log(
        `replica on port ${REPLICA_PORT} replayed the load (${lag.toFixed(1)} s after the primary finished)`,
      );
      const rctx = await openContext(loadConfig({ ...env, TUANWU_DB_READ: replicaUrl.toString() }));
      try {
        await answerSheets('replica', rctx, provinceRuns);
      } finally {
        await closeContext(rctx);
      }
    }
  } finally {
    if (values.keep || existing) console.log(`database kept: ${url.toString()}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    if ('started' in standby && standby.started) replica('stop');
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`load average at the end: ${load()} (${os.cpus().length} CPU)`);
  }
}

await main();
