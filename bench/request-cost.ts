/**
 * What one request of each kind of bench/cluster.ts's mix costs in CPU (issue 14): the tuanwu process's own CPU
 * time and its PostgreSQL backends' (read from /proc), per request, over N requests sent one after another to one
 * built process. CPU time hardly moves with the machine's load where wall time does, so these figures say what a
 * quiet machine could serve: 2 cores ÷ (app + database CPU a request) is the ceiling of req/s for the mix.
 *
 *   npm run bench:request-cost -- [--requests 200] [--pg postgres://…] [--profile <dir>] [--kinds people,answer]
 *
 * Same world as the cluster bench (a county with a branch, volunteers, 20 staff sessions); `npm run build:server`
 * first. Prints per kind: CPU ms of the app and of the database a request, and wall p50/p95 (load-dependent).
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { benchSetup, loadAverage, percentile } from './harness.ts';

const { args, number, processes } = await benchSetup(
  { requests: { type: 'string', default: '200' }, profile: { type: 'string' }, kinds: { type: 'string' } },
  { postgres: 'always' },
);
const REQUESTS = number('requests');
const { createDb } = await import('../src/db/create-db.ts');
const { signIn, signedUpVolunteers } = await import('../src/test/volunteers.ts');

/**
 * Time a process has spent on a CPU, in ms, over all its threads (Node's libuv pool writes files and V8's helper
 * threads collect garbage; /proc/<pid>/schedstat alone is the main thread's), or 0 once it has gone (a pool
 * connection closed meanwhile). From /proc/<pid>/task/<tid>/schedstat (nanoseconds): /proc/<pid>/stat counts whole
 * 10 ms ticks, and a PostgreSQL backend's sub-millisecond bursts between ticks were charged nothing there.
 */
function cpuMs(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((sum, tid) => {
      try {
        return sum + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
      } catch {
        return sum; // the thread ended between the listing and the read
      }
    }, 0);
  } catch {
    return 0;
  }
}

async function backendPids(admin: pg.Client, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return rows.map((r) => r.pid);
}

const where = await processes.place('postgres');
const database = new URL(where.databaseUrl).pathname.slice(1);
const db = createDb(where.databaseUrl);
const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL });
await admin.connect();
let server: Awaited<ReturnType<typeof processes.startServer>> | undefined;
try {
  await processes.prepare(db);
  const adminId = (
    await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
  ).id;
  const world = await signedUpVolunteers(db, processes.SECRET, 'FT', REQUESTS);
  const staff = await signIn(db, adminId);
  const importFile = `${where.dataDir}/bench-people.csv`;
  processes.peopleCsv(importFile, 200);
  // --profile <dir>: the process writes a .cpuprofile there when it stops (open it in Chrome's DevTools).
  const preload = new URL('./cpu-profile.mjs', import.meta.url).pathname;
  const profile = args.profile
    ? { NODE_OPTIONS: `--import ${preload}`, TUANWU_CPU_PROFILE_DIR: args.profile }
    : {};
  server = await processes.startServer({ ...where.env, ...profile, NODE_ENV: 'production' });
  const base = server.url;
  const qr = await fetch(`${base}/api/volunteering/activities/${world.activityId}/qr?action=in`, {
    headers: { cookie: world.organiser.cookie },
  });
  const { token } = (await qr.json()) as { token: string };
  const staffHeaders = { cookie: staff.cookie, 'x-csrf-token': staff.csrf };
  const period = 'from=2026-01-01&to=2026-12-31';

  const kinds: [string, (i: number) => Promise<Response>][] = [
    ['public home', () => fetch(`${base}/`)],
    ['public rss', () => fetch(`${base}/rss.xml`)],
    ['people list', () => fetch(`${base}/api/people?page=1&pageSize=20`, { headers: staffHeaders })],
    ['org tree', () => fetch(`${base}/api/orgs/tree`, { headers: staffHeaders })],
    [
      'answer sheet',
      () => fetch(`${base}/api/reports/answer-sheet?org=FT&${period}`, { headers: staffHeaders }),
    ],
    ['people export', () => fetch(`${base}/api/people/export`, { headers: staffHeaders })],
    [
      'check-in',
      (i) => {
        const v = world.volunteers[i]!;
        return fetch(`${base}/api/volunteering/me/scan`, {
          method: 'POST',
          headers: { cookie: v.cookie, 'x-csrf-token': v.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        });
      },
    ],
  ];
  console.log(
    `tuanwu request cost — ${REQUESTS} requests a kind, one at a time, one process on PostgreSQL; node ${process.version}, ${os.cpus().length} CPU, load ${loadAverage()}`,
  );
  const appPid = server.child.pid!;
  const only = args.kinds?.split(',');
  for (const [kind, send] of kinds) {
    if (only && !only.some((o) => kind.includes(o))) continue;
    for (let i = 0; i < 5 && kind !== 'check-in'; i++) await (await send(i)).arrayBuffer(); // warm caches and plans
    const pids = await backendPids(admin, database);
    const before = { app: cpuMs(appPid), db: new Map(pids.map((p) => [p, cpuMs(p)])) };
    const walls: number[] = [];
    let failed = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await send(i);
      await res.arrayBuffer();
      walls.push(performance.now() - t);
      if (!res.ok) failed++;
    }
    // Backends opened during the run count from zero; those closed meanwhile are lost (the pool keeps them).
    const after = await backendPids(admin, database);
    const dbAfter = after.reduce((s, p) => s + cpuMs(p), 0);
    // Read before the run: reading them now (as this did until 2026-12-03) subtracted the run's own work.
    const dbBefore = after.reduce((s, p) => s + (before.db.get(p) ?? 0), 0);
    const app = (cpuMs(appPid) - before.app) / REQUESTS;
    const dbCpu = (dbAfter - dbBefore) / REQUESTS;
    walls.sort((a, b) => a - b);
    console.log(
      `  ${kind.padEnd(14)} app ${app.toFixed(2).padStart(6)} ms  database ${dbCpu.toFixed(2).padStart(6)} ms CPU a request  → ceiling ${Math.round((os.cpus().length * 1000) / Math.max(app + dbCpu, 0.01)).toLocaleString('en-US')} req/s on ${os.cpus().length} cores;  wall p50 ${percentile(walls, 50).toFixed(1)} ms p95 ${percentile(walls, 95).toFixed(1)} ms${failed ? `; ${failed} refused` : ''}`,
    );
  }
  console.log(`load average at the end: ${loadAverage()}`);
} finally {
  if (server) await processes.stop(server);
  await admin.end();
  await db.destroy();
  await where.dispose();
}
