/**
 * Benchmark of the 青春答卷 report (REPORT-SPEC.md) on a large synthetic city.
 *
 *   node --import tsx bench/report.ts [--counties 10] [--pg postgres://…] [--skip-sqlite] [--keep]
 *
 * Builds a city of N counties, each with ~60,000 ledger rows (people, volunteer activities and records,
 * admissions, posts, classes and attendance, venues, money, counselling, internships) on a fresh SQLite
 * database (and PostgreSQL when --pg or TEST_PG_URL is given). Regions and organisations go through the import
 * engine; the bulk ledgers are written straight into their tables, since what is measured is the report.
 * Then times `answerSheet` for one county and for the whole city: the first (cold) run and the median of
 * ten warm runs, then each source's read alone. Prints figures; asserts nothing about them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { insertMany } from '../src/db/bulk-insert.ts';
import { makeIdNumber, maskIdNumber } from '../src/lib/id-number.ts';
import { systemActor } from '../src/modules/auth/auth.policy.ts';
import { importFile } from '../src/modules/imports/imports.service.ts';
import { INDICATORS } from '../src/modules/reports/indicators.ts';
import { answerSheet, resolveScope } from '../src/modules/reports/reports.service.ts';
import { refreshPreviousDates } from '../src/modules/volunteering/previous-dates.service.ts';

const TOWNSHIPS = 20;
const BRANCHES_PER_TOWNSHIP = 10;
const PEOPLE = 20_000;
const ACTIVITIES = 800;
const RECORDS = 35_000;
const NOW = '2026-11-28T00:00:00.000Z';
const stamps = { created_at: NOW, updated_at: NOW };

/** A deterministic pseudo-random sequence, so two runs build the same city. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function date(rand: () => number, from = 2021, years = 3): string {
  const day = new Date(Date.UTC(from, 0, 1) + Math.floor(rand() * 365 * years) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function countyCode(c: number) {
  return `4199${String(c + 1).padStart(2, '0')}`;
}

function writeTree(dir: string, counties: number) {
  const regions = ['区划编码,区划名称,区划级别,上级区划编码', '410000,河南省,省,', '419900,示例市,市,410000'];
  const orgs = [
    '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码,成立日期,状态',
    'SL,共青团示例市委员会,团委,市,,党政机关,419900,,正常',
  ];
  const domains = ['非公企业', '社会组织', '中学', '村社区', '事业单位'];
  for (let c = 0; c < counties; c++) {
    const county = countyCode(c);
    regions.push(`${county},第${c + 1}县,县,419900`);
    orgs.push(`C${c},共青团第${c + 1}县委员会,团委,县,SL,党政机关,${county},,正常`);
    for (let t = 0; t < TOWNSHIPS; t++) {
      const township = `${county}${String(t + 1).padStart(3, '0')}`;
      regions.push(`${township},第${c + 1}县第${t + 1}镇,乡镇,${county}`);
      for (let v = 0; v < 5; v++)
        regions.push(`${township}${String(v + 1).padStart(3, '0')},第${v + 1}村,村社区,${township}`);
      orgs.push(`C${c}-T${t},第${t + 1}镇团委,团委,乡镇,C${c},乡镇街道,${township},,正常`);
      for (let b = 0; b < BRANCHES_PER_TOWNSHIP; b++) {
        const domain = domains[(t + b) % domains.length];
        orgs.push(
          `C${c}-T${t}-B${b},第${b + 1}团支部,团支部,基层,C${c}-T${t},${domain},${township},2020-01-01,正常`,
        );
      }
    }
  }
  writeFileSync(path.join(dir, 'regions.csv'), `${regions.join('\n')}\n`);
  writeFileSync(path.join(dir, 'orgs.csv'), `${orgs.join('\n')}\n`);
}

interface Place {
  id: number;
  path: string;
  region_id: number;
}

/** The ledgers of one county, written in bulk. */
async function seedCounty(
  ctx: AppContext,
  c: number,
  branches: Place[],
  townships: Place[],
  villages: number[],
) {
  const rand = random(c + 1);
  const { db, cipher } = ctx;
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const people = [];
  for (let i = 0; i < PEOPLE; i++) {
    const branch = pick(branches);
    const idNumber = makeIdNumber(countyCode(c), date(rand, 1998, 10), i);
    const member = rand() < 0.6;
    people.push({
      id_number_hash: cipher.lookupHash(`${idNumber}#${i}`),
      id_number_enc: cipher.encrypt(idNumber),
      id_number_masked: maskIdNumber(idNumber),
      name: `青年${c}-${i}`,
      gender: i % 2 ? '男' : '女',
      birth_date: '2005-01-01',
      ethnicity: '汉族',
      phone: null,
      political_status: member ? 'league_member' : 'masses',
      org_id: member ? branch.id : null,
      joined_on: member ? date(rand, 2018, 5) : null,
      member_no: null,
      education: null,
      workplace: null,
      scope_org_id: branch.id,
      scope_path: branch.path,
      ...stamps,
    });
  }
  await insertMany(db, 'people', people);
  const personIds = (
    await db
      .selectFrom('people')
      .select('id')
      .where('scope_path', 'like', `${branches[0]!.path.split('/').slice(0, 3).join('/')}/%`)
      .execute()
  ).map((p) => p.id);
  const person = () => pick(personIds);
  const at = (place: Place) => ({ org_id: place.id, org_path: place.path, ...stamps });

  const activities = [];
  for (let i = 0; i < ACTIVITIES; i++) {
    const day = date(rand);
    activities.push({
      ...at(pick(branches)),
      code: `C${c}-ZY${i}`,
      title: '志愿服务',
      category: pick(['关爱老人', '防溺水', '文明城市创建']),
      starts_at: `${day}T01:00:00.000Z`,
      ends_at: `${day}T05:00:00.000Z`,
      start_date: day,
      region_id: pick(townships).region_id,
      place: null,
    });
  }
  await insertMany(db, 'volunteer_activities', activities);
  const activityIds = (
    await db.selectFrom('volunteer_activities').select('id').where('code', 'like', `C${c}-ZY%`).execute()
  ).map((a) => a.id);
  const records = new Map<string, object>();
  while (records.size < RECORDS) {
    const activity_id = pick(activityIds);
    const person_id = person();
    records.set(`${activity_id}/${person_id}`, {
      ...at(pick(branches)),
      activity_id,
      person_id,
      hours_hundredths: 100 + Math.floor(rand() * 300),
      checked_in_at: null,
      checked_out_at: null,
    });
  }
  await insertMany(db, 'volunteer_records', [...records.values()] as never[]);
  // Written around the app, so the previous dates the 志愿者 figure reads are filled here (as writeRecord would).
  await refreshPreviousDates(db, { activityIds });

  const statuses = ['applied', 'activist', 'candidate', 'admitted', 'admitted', 'admitted'];
  await insertMany(
    db,
    'admissions',
    Array.from({ length: 600 }, (_, i) => {
      const status = statuses[i % statuses.length]!;
      const applied = date(rand, 2021, 2);
      return {
        ...at(pick(branches)),
        person_id: personIds[i]!,
        applied_on: applied,
        recommended_by: pick(['pioneer_recommendation', 'member_recommendation', 'other']),
        civics_grade: null,
        activist_on: null,
        candidate_on: null,
        branch_vote_on: null,
        approved_on: null,
        joined_on: status === 'admitted' ? date(rand, 2022, 2) : null,
        status,
      };
    }) as never[],
  );
  await insertMany(
    db,
    'cadre_posts',
    Array.from({ length: 120 }, (_, i) => ({
      ...at(pick(townships)),
      person_id: personIds[1000 + i]!,
      title: pick(['secretary', 'deputy_secretary', 'committee_member']),
      mode: pick(['full_time', 'part_time', 'seconded']),
      source: pick(['大学生', '乡镇街道', '县直单位']),
      started_on: date(rand, 2019, 4),
      ended_on: rand() < 0.3 ? date(rand, 2023, 2) : null,
    })) as never[],
  );
  await insertMany(
    db,
    'venues',
    Array.from({ length: 30 }, (_, i) => ({
      ...at(pick(townships)),
      code: `C${c}-V${i}`,
      name: '青年之家',
      kind: i % 5 === 0 ? 'qingyi_home' : 'youth_home',
      region_id: rand() < 0.5 ? pick(townships).region_id : pick(villages),
      opened_on: date(rand, 2020, 4),
      status: rand() < 0.9 ? 'active' : 'closed',
    })),
  );
  await insertMany(
    db,
    'donations',
    Array.from({ length: 300 }, (_, i) => ({
      ...at(pick(townships)),
      code: `C${c}-D${i}`,
      donor: '爱心企业',
      donor_kind: '单位',
      amount_fen: 10_000 + Math.floor(rand() * 1_000_000),
      donated_on: date(rand),
      program: pick(['助学', '心理健康', '其他']),
      note: null,
    })),
  );
  await insertMany(
    db,
    'grants',
    Array.from({ length: 800 }, (_, i) => ({
      ...at(pick(townships)),
      code: `C${c}-G${i}`,
      person_id: person(),
      amount_fen: 50_000 + Math.floor(rand() * 100_000),
      granted_on: date(rand),
      program: '助学',
      reason: null,
    })) as never[],
  );
  await insertMany(
    db,
    'funds',
    Array.from({ length: 40 }, (_, i) => ({
      ...at(pick(townships)),
      code: `C${c}-F${i}`,
      program: pick(['心理健康', '其他']),
      source: '财政拨款',
      amount_fen: 1_000_000 + Math.floor(rand() * 5_000_000),
      received_on: date(rand),
      purpose: null,
    })) as never[],
  );
  return people.length + records.size + ACTIVITIES + 600 + 120 + 30 + 300 + 800 + 40;
}

async function measure(run: () => Promise<unknown>) {
  const t0 = performance.now();
  await run();
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await run();
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  return { cold, median: warm[5]!, best: warm[0]! };
}

async function benchOn(label: string, databaseUrl: string, dataDir: string, counties: number) {
  const ctx = await openContext(
    loadConfig({
      TUANWU_DATA_DIR: dataDir,
      TUANWU_DB: databaseUrl,
      TUANWU_SECRET: 'bench-secret-0123456789abcdef',
    }),
  );
  try {
    const actor = systemActor('基准测试');
    const files = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-report-files-'));
    writeTree(files, counties);
    await importFile(
      ctx,
      actor,
      'regions',
      { path: path.join(files, 'regions.csv'), name: 'regions.csv' },
      { dryRun: false },
    );
    await importFile(
      ctx,
      actor,
      'orgs',
      { path: path.join(files, 'orgs.csv'), name: 'orgs.csv' },
      { dryRun: false },
    );
    rmSync(files, { recursive: true, force: true });
    const orgs = await ctx.db
      .selectFrom('orgs')
      .select(['id', 'code', 'path', 'region_id', 'level'])
      .execute();
    const regions = await ctx.db.selectFrom('regions').select(['id', 'code', 'level']).execute();
    const seedStarted = performance.now();
    let rows = 0;
    for (let c = 0; c < counties; c++) {
      const mine = orgs.filter((o) => o.code.startsWith(`C${c}-`));
      const county = countyCode(c);
      rows += await seedCounty(
        ctx,
        c,
        mine.filter((o) => o.level === 'grassroots'),
        mine.filter((o) => o.level === 'township'),
        regions.filter((r) => r.level === 'village' && r.code.startsWith(county)).map((r) => r.id),
      );
    }
    console.log(
      `${label}: ${counties} counties, ${rows.toLocaleString('en-US')} ledger rows written in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    // What autovacuum does within a minute of a bulk load: without statistics the planner guesses (it took
    // 200,000 people for 578 and read whole tables), which measures the minute after the load, not the year.
    if (label === 'PostgreSQL') await sql`vacuum analyze`.execute(ctx.db);
    const period = { from: '2022-01-01', to: '2023-12-31' };
    const county = await measure(() => answerSheet(ctx, actor, { org: 'C0', ...period }));
    const city = await measure(() => answerSheet(ctx, actor, { org: 'SL', ...period }));
    const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
    console.log(
      `${label} county (${(rows / counties).toLocaleString('en-US')} rows): cold ${fmt(county.cold)}  median ${fmt(county.median)}  best ${fmt(county.best)}`,
    );
    console.log(
      `${label} city (${counties} counties):        cold ${fmt(city.cold)}  median ${fmt(city.median)}  best ${fmt(city.best)}`,
    );
    const { scope } = await resolveScope(ctx, actor, { org: 'C0', ...period });
    // Each source's read alone (a count over its rows), slowest first: the sheet waits for the slowest.
    const parts: [number, string][] = [];
    for (const source of new Set(INDICATORS.map((i) => i.source))) {
      const timing = await measure(() =>
        source
          .query(ctx.db, scope)
          .select((eb) => eb.fn.countAll().as('n'))
          .execute(),
      );
      parts.push([timing.median, `${source.name} ${timing.median.toFixed(1)}`]);
    }
    parts.sort((a, b) => b[0] - a[0]);
    console.log(`${label} county, median ms per source: ${parts.map((p) => p[1]).join(' · ')}`);
    return { county, city, rows };
  } finally {
    await ctx.db.destroy();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      counties: { type: 'string', default: '10' },
      pg: { type: 'string' },
      // For EXPLAIN ANALYZE afterwards: keep the PostgreSQL database (its URL is printed); skip the SQLite leg.
      keep: { type: 'boolean', default: false },
      'skip-sqlite': { type: 'boolean', default: false },
    },
  });
  const counties = Number(values.counties);
  console.log(`tuanwu report benchmark — node ${process.version}, ${os.cpus().length} CPU, ${os.platform()}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-report-bench-'));
  try {
    if (!values['skip-sqlite'])
      await benchOn('SQLite', `sqlite:${path.join(dir, 'bench.db')}`, dir, counties);
    const pgUrl = values.pg ?? process.env.TEST_PG_URL;
    if (pgUrl) {
      const name = `tuanwu_report_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      try {
        await benchOn('PostgreSQL', url.toString(), dir, counties);
      } finally {
        if (values.keep) console.log(`PostgreSQL database kept: ${url.toString()}`);
        else await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (${os.cpus().length} CPU)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
