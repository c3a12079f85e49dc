/**
 * Benchmark of the people import (IMPORT-SPEC.md "people") through the real engine.
 *
 *   npm run bench:import-people -- --rows 100000 [--pg postgres://…] [--formats csv,xlsx]
 *
 * Generates N people with valid identity numbers (a mix of 共青团员 with org codes and others) as CSV and as
 * xlsx into a temp folder, builds a small org tree, and imports the people with `importFile` as the system
 * actor: on SQLite (csv, xlsx) and on PostgreSQL (csv) when `--pg` or TEST_PG_URL is given. Each measurement
 * runs in its own child process on a fresh database, so its peak RSS / heap are its own. Every case runs at
 * N = 10,000 and at the requested N, to show that memory does not grow with the file.
 * Prints figures; asserts nothing about them.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { addDays } from '../src/lib/dates.ts';
import { makeIdNumber } from '../src/lib/id-number.ts';

const HEADER = [
  '身份证号',
  '姓名',
  '政治面貌',
  '所在团组织编码',
  '入团日期',
  '团员编号',
  '手机号码',
  '民族',
  '学历',
  '工作单位或学校',
];
const COUNTIES = 5;
const BRANCHES = 20;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

interface Figures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU time of the importing process (user + system): less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  inserted: number;
  /** Set when the engine refused the file (it was still read and written in full, then rolled back). */
  refused?: { errors: number; first: unknown };
}

// ---------------------------------------------------------------------------------------------- data

/** Row i of the file: 60 % league members in a branch, the rest masses, party members or Young Pioneers. */
function person(i: number): string[] {
  const county = (i % COUNTIES) + 1;
  const region = `4198${String(county).padStart(2, '0')}`;
  const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[i % 23]!;
  const phone = i % 3 === 0 ? `13${String(900000000 + i).padStart(9, '0')}` : '';
  const kind = i % 10;
  // Birth dates walk forward one day per 1000 rows of a county, so (region, date, sequence) never repeats.
  const step = Math.floor(i / (COUNTIES * 1000));
  const seq = Math.floor(i / COUNTIES) % 1000;
  if (kind < 6) {
    const birth = addDays('1998-01-01', step);
    const joined = addDays(birth, 15 * 365 + 30);
    const branch = `BM-C${county}-B${String((i % BRANCHES) + 1).padStart(2, '0')}`;
    const memberNo = `${joined.slice(0, 4)}${String(i).padStart(8, '0')}`;
    const id = makeIdNumber(region, birth, seq);
    return [id, name, '共青团员', branch, joined, memberNo, phone, '汉族', '本科', '基准市某单位'];
  }
  if (kind < 8) {
    const birth = addDays('1985-01-01', step);
    return [makeIdNumber(region, birth, seq), name, '群众', '', '', '', phone, '汉族', '', ''];
  }
  if (kind === 8) {
    const birth = addDays('1980-01-01', step);
    return [makeIdNumber(region, birth, seq), name, '中共党员', '', '', '', phone, '回族', '硕士', ''];
  }
  const birth = addDays('2014-01-01', step);
  return [
    makeIdNumber(region, birth, seq),
    name,
    '少先队员',
    '',
    '',
    '',
    '',
    '汉族',
    '小学',
    '基准市实验小学',
  ];
}

function csvLine(cells: string[]): string {
  return `${cells.join(',')}\n`;
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`\uFEFF${csvLine(HEADER)}`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(csvLine(person(i)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('人员信息');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(person(i).map((c) => (c === '' ? null : c))).commit();
  sheet.commit();
  await workbook.commit();
}

function writeOrgTree(dir: string): { regions: string; orgs: string } {
  const regions = [
    ['区划编码', '区划名称', '区划级别', '上级区划编码'],
    ['410000', '河南省', '省', ''],
    ['419800', '基准市', '市', '410000'],
  ];
  const orgs = [
    ['组织编码', '组织名称', '组织类型', '组织层级', '上级组织编码', '所属领域', '所在区划编码'],
    ['BM', '共青团基准市委员会', '团委', '市', '', '党政机关', '419800'],
  ];
  for (let c = 1; c <= COUNTIES; c++) {
    const region = `4198${String(c).padStart(2, '0')}`;
    regions.push([region, `基准${c}县`, '县', '419800']);
    orgs.push([`BM-C${c}`, `共青团基准${c}县委员会`, '团委', '县', 'BM', '党政机关', region]);
    for (let b = 1; b <= BRANCHES; b++) {
      const code = `BM-C${c}-B${String(b).padStart(2, '0')}`;
      orgs.push([code, `基准${c}县第${b}团支部`, '团支部', '基层', `BM-C${c}`, '其他', region]);
    }
  }
  const regionsFile = path.join(dir, 'regions.csv');
  const orgsFile = path.join(dir, 'orgs.csv');
  writeFileSync(regionsFile, regions.map(csvLine).join(''));
  writeFileSync(orgsFile, orgs.map(csvLine).join(''));
  return { regions: regionsFile, orgs: orgsFile };
}

// -------------------------------------------------------------------------------------------- worker

/** One measurement on a fresh database: org tree, then the people file, sampled for memory. */
async function worker(options: { db: string; dataDir: string; file: string; regions: string; orgs: string }) {
  const { openContext } = await import('../src/bootstrap.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { systemActor } = await import('../src/modules/auth/auth.policy.ts');
  const { importFile } = await import('../src/modules/imports/imports.service.ts');
  const { ImportRefusedError } = await import('../src/lib/errors.ts');
  const ctx = await openContext(
    loadConfig({
      TUANWU_DATA_DIR: options.dataDir,
      TUANWU_DB: options.db,
      TUANWU_SECRET: 'bench-secret-0123456789abcdef',
    }),
  );
  try {
    const actor = systemActor('基准测试');
    await importFile(
      ctx,
      actor,
      'regions',
      { path: options.regions, name: 'regions.csv' },
      { dryRun: false },
    );
    await importFile(ctx, actor, 'orgs', { path: options.orgs, name: 'orgs.csv' }, { dryRun: false });
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 20);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let rows = 0;
    let inserted = 0;
    let refused: Figures['refused'];
    try {
      const result = await importFile(
        ctx,
        actor,
        'people',
        { path: options.file, name: path.basename(options.file) },
        { dryRun: false },
      );
      rows = result.rows;
      inserted = result.inserted;
      if (result.warnings.length > 0) {
        console.error(`warnings: ${result.warnings.length}, first: ${JSON.stringify(result.warnings[0])}`);
      }
    } catch (error) {
      // A refused file has still been read, checked and written (then rolled back) in full: report it.
      if (!(error instanceof ImportRefusedError)) throw error;
      refused = { errors: error.details.errors.length, first: error.details.errors[0] };
      rows = Number(process.env.BENCH_ROWS);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(timer);
    sample();
    const figures: Figures = {
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: peakRss / 2 ** 20,
      peakHeapMb: peakHeap / 2 ** 20,
      inserted,
      refused,
    };
    process.stdout.write(`FIGURES ${JSON.stringify(figures)}\n`);
  } finally {
    await ctx.db.destroy();
  }
}

// -------------------------------------------------------------------------------------------- parent

async function scratchPgDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPgDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

function runWorker(rows: number, args: string[]): Figures {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      // e.g. BENCH_WORKER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile each measurement.
      ...(process.env.BENCH_WORKER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.resolve(import.meta.dirname, 'import-people.ts'),
      '--worker',
      ...args,
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, BENCH_ROWS: String(rows) },
    },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('FIGURES '));
  if (child.status !== 0 || !line) {
    process.stderr.write(child.stdout);
    throw new Error(`benchmark worker failed (exit ${child.status})`);
  }
  return JSON.parse(line.slice('FIGURES '.length)) as Figures;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      pg: { type: 'string' },
      formats: { type: 'string', default: 'csv,xlsx' },
      worker: { type: 'boolean' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      file: { type: 'string' },
      regions: { type: 'string' },
      orgs: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  if (values.worker) {
    await worker({
      db: values.db!,
      dataDir: values['data-dir']!,
      file: values.file!,
      regions: values.regions!,
      orgs: values.orgs!,
    });
    return;
  }

  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows 应为正整数：${values.rows}`);
  const sizes = [...new Set([Math.min(10_000, rows), rows])];
  const formats = values.formats!.split(',').map((f) => f.trim()) as ('csv' | 'xlsx')[];
  const pgServer = values.pg ?? process.env.TEST_PG_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-bench-'));
  console.log(
    `tuanwu people import benchmark — node ${process.version}, ${os.cpus().length} CPU, ${os.platform()}`,
  );
  console.log(`work folder ${dir}`);

  const tree = writeOrgTree(dir);
  const files = new Map<string, string>();
  for (const n of sizes) {
    for (const format of formats) {
      const file = path.join(dir, `people-${n}.${format}`);
      const started = performance.now();
      await (format === 'csv' ? writeCsv(file, n) : writeXlsx(file, n));
      console.log(
        `generated ${path.basename(file)}: ${fmt(statSync(file).size / 2 ** 20, 1)} MiB in ${fmt((performance.now() - started) / 1000, 1)} s`,
      );
      files.set(`${n}.${format}`, file);
    }
  }

  const cases: { label: string; database: 'sqlite' | 'postgres'; format: 'csv' | 'xlsx' }[] = formats.map(
    (format) => ({ label: `SQLite ${format}`, database: 'sqlite', format }),
  );
  if (pgServer && formats.includes('csv'))
    cases.push({ label: 'PostgreSQL csv', database: 'postgres', format: 'csv' });
  if (!pgServer) console.log('(PostgreSQL skipped: give --pg <url> or TEST_PG_URL)');

  const results: { label: string; n: number; f: Figures }[] = [];
  let run = 0;
  for (const c of cases) {
    for (const n of sizes) {
      run++;
      const dataDir = path.join(dir, `data-${run}`);
      const pgName = `tuanwu_bench_${process.pid}_${run}`;
      const db =
        c.database === 'sqlite'
          ? `sqlite:${path.join(dataDir, 'tuanwu.db')}`
          : await scratchPgDatabase(pgServer!, pgName);
      try {
        const f = runWorker(n, [
          '--db',
          db,
          '--data-dir',
          dataDir,
          '--file',
          files.get(`${n}.${c.format}`)!,
          '--regions',
          tree.regions,
          '--orgs',
          tree.orgs,
        ]);
        results.push({ label: c.label, n, f });
        console.log(
          `${c.label.padEnd(15)} ${fmt(n).padStart(9)} rows  ${fmt(f.seconds, 2).padStart(7)} s  ${fmt(f.rowsPerSecond).padStart(7)} rows/s  (${fmt(f.rows / f.cpuSeconds).padStart(7)} rows per CPU-second)  peak RSS ${fmt(f.peakRssMb).padStart(4)} MiB  peak heapUsed ${fmt(f.peakHeapMb).padStart(4)} MiB`,
        );
        if (f.refused) {
          console.log(
            `  !! the engine REFUSED this valid file (${f.refused.errors} errors; first: ${JSON.stringify(f.refused.first)}); timing covers the full read, checks and rolled-back writes`,
          );
        } else if (f.inserted !== n) {
          throw new Error(`${c.label} ${n}: inserted ${f.inserted}, expected ${n}`);
        }
      } finally {
        if (c.database === 'postgres') await dropPgDatabase(pgServer!, pgName);
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }

  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (${os.cpus().length} CPU)`,
  );
  console.log('| case | rows | seconds | rows/s | rows per CPU-s | peak RSS (MiB) | peak heapUsed (MiB) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const { label, n, f } of results) {
    console.log(
      `| ${label}${f.refused ? ' (refused, see above)' : ''} | ${fmt(n)} | ${fmt(f.seconds, 2)} | ${fmt(f.rowsPerSecond)} | ${fmt(f.rows / f.cpuSeconds)} | ${fmt(f.peakRssMb)} | ${fmt(f.peakHeapMb)} |`,
    );
  }
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

await main();
