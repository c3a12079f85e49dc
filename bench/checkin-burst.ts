/**
 * Burst of QR check-ins to one activity through HTTP (issue 5 "Must show").
 *
 *   node --import tsx bench/checkin-burst.ts [--volunteers 2000] [--duplicates 200] [--concurrency 64] [--pg postgres://…]
 *
 * Prepares a fresh database (SQLite in a temp folder, or a new PostgreSQL database with --pg): a county, N
 * young people each with an account and a session, one activity under way with N places and all N signed
 * up. Then starts the real server (`bin/tuanwu.js serve`) as a child process, asks it for the activity's
 * check-in QR code as the organiser, and sends every volunteer's scan at once (at most `concurrency` in
 * flight), plus `duplicates` second scans by volunteers already sent. Checks that each volunteer is checked
 * in exactly once, that every duplicate was refused with 409, and that each check-in was audited once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, type Db, nowIso } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createPersonalDataCipher, randomToken, sha256 } from '../src/lib/crypto.ts';
import { makeIdNumber, maskIdNumber } from '../src/lib/id-number.ts';
import { systemActor } from '../src/modules/auth/auth.policy.ts';
import { findOrgByCode, insertOrg } from '../src/modules/orgs/orgs.repository.ts';
import { insertPeople } from '../src/modules/people/people.repository.ts';
import { insertRegion } from '../src/modules/regions/regions.repository.ts';
import { insertUser } from '../src/modules/users/users.repository.ts';
import { createActivity } from '../src/modules/volunteering/activities.service.ts';
import { signUpPerson } from '../src/modules/volunteering/attendance.service.ts';

const { values: args } = parseArgs({
  options: {
    volunteers: { type: 'string', default: '2000' },
    duplicates: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '64' },
    pg: { type: 'string' },
  },
});
const N = Number(args.volunteers);
const DUPLICATES = Number(args.duplicates);
const CONCURRENCY = Number(args.concurrency);
const SECRET = 'bench-secret-of-sufficient-length-for-hkdf';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function session(db: Db, userId: number): Promise<string> {
  const token = randomToken();
  const csrf = randomToken(24);
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrf,
      ip: null,
      user_agent: 'bench',
      created_at: now,
      expires_at: new Date(Date.now() + 8 * 3_600_000).toISOString(),
      last_seen_at: now,
    })
    .execute();
  return `${token} ${csrf}`;
}

/** The world of the burst, written straight through the repositories and services (setup, not measured). */
async function prepare(db: Db) {
  const cipher = createPersonalDataCipher(SECRET);
  const now = nowIso();
  const regionId = await insertRegion(db, {
    code: '419801',
    name: '基准县',
    level: 'county',
    parent_id: null,
    path: '/1/',
    created_at: now,
    updated_at: now,
  });
  await db
    .updateTable('regions')
    .set({ path: `/${regionId}/` })
    .where('id', '=', regionId)
    .execute();
  const org = {
    code: 'BM',
    name: '基准县团委',
    kind: 'committee',
    level: 'county',
    domain: '其他',
    parent_id: null,
  };
  await insertOrg(
    db,
    {
      ...org,
      region_id: regionId,
      unit_name: null,
      established_on: null,
      status: 'active',
      created_at: now,
      updated_at: now,
    },
    '/',
  );
  const county = (await findOrgByCode(db, 'BM'))!;
  const people = Array.from({ length: N }, (_, i) => {
    const id = makeIdNumber(
      '419801',
      `2005-${String((i % 12) + 1).padStart(2, '0')}-15`,
      (i % 1000) + Math.floor(i / 12000),
    );
    return {
      id_number_hash: cipher.lookupHash(id),
      id_number_enc: cipher.encrypt(id),
      id_number_masked: maskIdNumber(id),
      name: `志愿者${i}`,
      gender: '男',
      birth_date: '2005-01-15',
      ethnicity: null,
      phone: null,
      political_status: 'league_member',
      org_id: county.id,
      joined_on: null,
      member_no: null,
      education: null,
      workplace: null,
      scope_org_id: county.id,
      scope_path: county.path,
      created_at: now,
      updated_at: now,
    };
  });
  await insertPeople(db, people);
  const personIds = (await db.selectFrom('people').select('id').orderBy('id').execute()).map((p) => p.id);
  const organiserId = await insertUser(
    db,
    { username: 'organiser', passwordHash: 'x', displayName: '组织者', orgId: county.id, now },
    ['org_admin'],
  );
  const organiser = await session(db, organiserId);
  const volunteers: { personId: number; cookie: string; csrf: string }[] = [];
  for (const [i, personId] of personIds.entries()) {
    const userId = await insertUser(
      db,
      { username: `v${i}`, passwordHash: 'x', displayName: `志愿者${i}`, orgId: county.id, now },
      ['young_person'],
    );
    await db.updateTable('users').set({ person_id: personId }).where('id', '=', userId).execute();
    const [token, csrf] = (await session(db, userId)).split(' ') as [string, string];
    volunteers.push({ personId, cookie: `tuanwu_session=${token}`, csrf });
  }
  const ctx = {
    db,
    cipher,
    config: {
      dataDir: '',
      databaseUrl: '',
      secret: SECRET,
      port: 0,
      host: '',
      secureCookies: false,
      loginRateLimit: 10,
      trustProxy: false,
    },
  };
  const activity = await createActivity(ctx, systemActor('基准测试'), {
    orgCode: 'BM',
    title: '万人健步行志愿服务',
    startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    capacity: N,
  });
  await db.transaction().execute(async (trx) => {
    for (const v of volunteers) await signUpPerson(trx, activity.id, v.personId);
  });
  const [token, csrf] = organiser.split(' ') as [string, string];
  return { activityId: activity.id, volunteers, organiser: { cookie: `tuanwu_session=${token}`, csrf } };
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/tuanwu.js', 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`server did not start: ${stderr}`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-bench-checkin-'));
  let dbUrl = `sqlite:${path.join(dataDir, 'tuanwu.db')}`;
  let dropDb = async () => {};
  if (args.pg) {
    const name = `tuanwu_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: args.pg });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(args.pg);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: args.pg });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = createDb(dbUrl);
  let server: ChildProcess | undefined;
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    const world = await prepare(db);
    console.log(
      `setup: ${N} volunteers with accounts and sessions, all signed up (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const port = await freePort();
    server = await startServer(
      {
        TUANWU_DATA_DIR: dataDir,
        TUANWU_DB: dbUrl,
        TUANWU_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      port,
    );
    const base = `http://127.0.0.1:${port}`;
    const qr = await fetch(`${base}/api/volunteering/activities/${world.activityId}/qr?action=in`, {
      headers: { cookie: world.organiser.cookie },
    });
    if (!qr.ok) throw new Error(`QR: ${qr.status} ${await qr.text()}`);
    const { token } = (await qr.json()) as { token: string };

    const scans = [...world.volunteers, ...world.volunteers.slice(0, DUPLICATES)];
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < scans.length) {
          const v = scans[next++]!;
          const t = performance.now();
          const res = await fetch(`${base}/api/volunteering/me/scan`, {
            method: 'POST',
            headers: { cookie: v.cookie, 'x-csrf-token': v.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ token }),
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const checkedIn = await db
      .selectFrom('volunteer_enrolments')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('checked_in_at').as('in')])
      .where('activity_id', '=', world.activityId)
      .executeTakeFirstOrThrow();
    const audited = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', 'volunteer_enrolment')
      .where('summary', 'like', '扫码签到%')
      .executeTakeFirstOrThrow();
    const ok = statuses.get(200) ?? 0;
    const refused = statuses.get(409) ?? 0;
    console.log(
      `database: ${args.pg ? 'PostgreSQL' : 'SQLite'}; requests: ${scans.length} (${N} volunteers + ${DUPLICATES} repeated scans), ${CONCURRENCY} in flight`,
    );
    console.log(
      `elapsed ${seconds.toFixed(2)} s, ${(scans.length / seconds).toFixed(0)} requests/s; client CPU ${((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(1)} s; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1)!.toFixed(1)}`,
    );
    console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(
      `recorded: ${Number(checkedIn.in)} of ${Number(checkedIn.n)} sign-ups checked in; ${Number(audited.n)} check-ins audited`,
    );
    const exactlyOnce =
      ok === N && refused === DUPLICATES && Number(checkedIn.in) === N && Number(audited.n) === N;
    console.log(
      exactlyOnce
        ? `OK: every check-in recorded exactly once, within ${seconds < 60 ? 'a minute' : `${seconds.toFixed(0)} s`}`
        : 'FAILED: not exactly once',
    );
    process.exitCode = exactlyOnce && seconds < 60 ? 0 : 1;
  } finally {
    server?.kill('SIGTERM');
    await db.destroy();
    await dropDb();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
