/**
 * nginx in front of 1 and then 3 tuanwu processes on one PostgreSQL database (issue 14): simulated users in a
 * realistic mix for a fixed time, then a check that no acknowledged write was lost or duplicated.
 *
 *   npm run bench:cluster -- [--users 1000] [--seconds 60] [--processes 1,3] [--think 2-10] [--pg postgres://…]
 *
 * Each leg gets a fresh database (created and dropped on that server), the built server (`dist/`, `npm run
 * build:server` first) started through src/test/processes.ts, and Debian's nginx started by this script as a
 * child with a temporary config: the `location /` proxy block of deploy/nginx/tuanwu.conf, plain HTTP on a
 * loopback port (TLS is nginx's work, not tuanwu's) and an upstream of the processes' ports. Every user loops
 * until time is up, pausing `--think` seconds between requests (uniform in the range; 2–10 s by default, the
 * time a person takes to read a page and click the next — 0.5–1.5 s, the first version's pace, is the traffic of
 * ten times as many people): public readers (portal home,
 * RSS), staff (people and org lists, the answer sheet, a people export now and then, a small people import
 * by a few), volunteers (one QR check-in each, then reading). Prints per kind requests, p50/p95/p99 and
 * errors by status; then the ratio of throughput 3 processes / 1 process. Traffic goes to 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchSetup, loadAverage, percentile } from './harness.ts';

const { args, number, processes } = await benchSetup(
  {
    users: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    processes: { type: 'string', default: '1,3' },
    think: { type: 'string', default: '2-10' },
  },
  { postgres: 'always' },
);
const USERS = number('users');
const SECONDS = number('seconds');
const THINK = (() => {
  const [min, max] = args.think.split('-').map(Number);
  if (!(min! >= 0 && max! >= min!)) throw new Error('--think: seconds as min-max, e.g. 2-10');
  return { min: min! * 1000, max: max! * 1000 };
})();
const thinkTime = () => THINK.min + Math.random() * (THINK.max - THINK.min);
const { createDb } = await import('../src/db/create-db.ts');
const { checkInsRecorded, signIn, signedUpVolunteers } = await import('../src/test/volunteers.ts');

type Kind = 'public' | 'staff-list' | 'report' | 'export' | 'check-in' | 'import';
interface Tally {
  latencies: number[];
  errors: Map<string, number>;
}

async function startNginx(dir: string, ports: number[]) {
  const site = readFileSync(path.join(processes.ROOT, 'deploy/nginx/tuanwu.conf'), 'utf8');
  const proxy = site.match(/\n( {4}location \/ \{\n {8}proxy_pass[\s\S]*?\n {4}\})/)?.[1];
  if (!proxy) throw new Error('deploy/nginx/tuanwu.conf: no `location /` proxy block');
  const port = await processes.freePort();
  // nginx's workers drop root for nobody: they must reach the folder (mkdtemp makes it 0700) and write the temp
  // folders, where a request body larger than its buffer (every import upload) is spooled — or nginx answers 500
  // itself, the request never reaching tuanwu (the 7 import 500s of the first cluster run). mkdir's mode is cut by
  // the umask, so chmod.
  chmodSync(dir, 0o755);
  for (const sub of ['logs', 'body', 'proxy']) {
    mkdirSync(path.join(dir, sub), { recursive: true });
    chmodSync(path.join(dir, sub), 0o777);
  }
  const conf = `worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  client_max_body_size 200m;
  upstream tuanwu {
    least_conn;
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
${proxy.replace('proxy_http_version 1.1;', 'proxy_http_version 1.1;\n        proxy_set_header Connection "";')}
  }
}
`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(
    '/usr/sbin/nginx',
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return { child, url };
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not start: ${stderr}`);
}

/**
 * Each process's log kept beside the figures (a 5xx says why only there), and its errors counted: JSON lines of
 * level 50 or more (pino's error and fatal).
 */
function keepLogs(count: number, servers: { out: { stdout: string; stderr: string } }[]) {
  servers.forEach((server, i) => {
    const file = path.join(os.tmpdir(), `tuanwu-cluster-${process.pid}-${count}p-${i + 1}.log`);
    writeFileSync(file, server.out.stdout + server.out.stderr);
    const errors = server.out.stdout
      .split('\n')
      .filter((line) => /"level":\s*([5-9]\d)/.test(line))
      .map((line) => (/"msg":"([^"]*)"/.exec(line)?.[1] ?? line).slice(0, 160));
    const kinds = [...new Map(errors.map((e) => [e, errors.filter((x) => x === e).length]))];
    console.log(
      `  log of process ${i + 1}: ${file}; ${errors.length} errors${kinds.length ? `: ${kinds.map(([m, n]) => `${n}× ${m}`).join(' | ')}` : ''}`,
    );
  });
}

/** nginx's own errors (an answer nginx gave without tuanwu, such as a 500 of its own, is explained only there). */
function nginxErrors(dir: string) {
  const file = path.join(dir, 'logs', 'error.log');
  const lines = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => /\[(error|crit|alert|emerg)\]/.test(l))
    : [];
  const first = lines[0]?.replace(/^.*?\[(error|crit|alert|emerg)\] [\d#*: ]+/, '').slice(0, 200);
  console.log(`  nginx: ${lines.length} errors${first ? `, the first: ${first}` : ''}`);
}

async function leg(count: number) {
  const where = await processes.place('postgres');
  const db = createDb(where.databaseUrl);
  const servers: Awaited<ReturnType<typeof processes.startServer>>[] = [];
  let nginx: { child: ChildProcess; url: string } | undefined;
  const nginxDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-nginx-'));
  try {
    await processes.prepare(db);
    const adminId = (
      await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    const volunteerCount = Math.round(USERS * 0.2);
    const world = await signedUpVolunteers(db, processes.SECRET, 'FT', volunteerCount);
    const staffSessions = await Promise.all(Array.from({ length: 20 }, () => signIn(db, adminId)));
    const importFile = path.join(where.dataDir, 'bench-people.csv');
    processes.peopleCsv(importFile, 200);
    const env = { ...where.env, TUANWU_TRUST_PROXY: '127.0.0.1', NODE_ENV: 'production' };
    for (let i = 0; i < count; i++) servers.push(await processes.startServer(env));
    nginx = await startNginx(
      nginxDir,
      servers.map((s) => Number(new URL(s.url).port)),
    );
    const base = nginx.url;
    const qr = await fetch(`${base}/api/volunteering/activities/${world.activityId}/qr?action=in`, {
      headers: { cookie: world.organiser.cookie },
    });
    if (!qr.ok) throw new Error(`QR: ${qr.status} ${await qr.text()}`);
    const { token } = (await qr.json()) as { token: string };

    const tallies = new Map<Kind, Tally>();
    const tally = (kind: Kind) => {
      if (!tallies.has(kind)) tallies.set(kind, { latencies: [], errors: new Map() });
      return tallies.get(kind)!;
    };
    let acknowledgedCheckIns = 0;
    let importsDone = 0;
    let lastImport = 0;
    const send = async (kind: Kind, url: string, init: RequestInit = {}) => {
      const t = performance.now();
      try {
        const res = await fetch(`${base}${url}`, init);
        await res.arrayBuffer();
        tally(kind).latencies.push(performance.now() - t);
        if (!res.ok) {
          const errors = tally(kind).errors;
          errors.set(String(res.status), (errors.get(String(res.status)) ?? 0) + 1);
        }
        return res.status;
      } catch (error) {
        const errors = tally(kind).errors;
        const name = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        errors.set(name, (errors.get(name) ?? 0) + 1);
        return 0;
      }
    };
    const period = 'from=2026-01-01&to=2026-12-31';
    const until = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const clientCpu = process.cpuUsage();
    const user = async (u: number) => {
      const staff = u % 5 === 1 ? staffSessions[u % staffSessions.length]! : undefined;
      const volunteer = u % 5 === 2 ? world.volunteers[Math.floor(u / 5)] : undefined;
      let checkedIn = false;
      // Start spread over the first pause, as people arrive.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * THINK.max));
      while (performance.now() < until) {
        const r = Math.random();
        if (volunteer && !checkedIn) {
          checkedIn = true;
          const status = await send('check-in', '/api/volunteering/me/scan', {
            method: 'POST',
            headers: {
              cookie: volunteer.cookie,
              'x-csrf-token': volunteer.csrf,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ token }),
          });
          if (status === 200) acknowledgedCheckIns++;
        } else if (staff) {
          const headers = { cookie: staff.cookie, 'x-csrf-token': staff.csrf };
          if (r < 0.02 && performance.now() - lastImport > 5000) {
            lastImport = performance.now();
            const form = new FormData();
            form.append('file', new Blob([readFileSync(importFile)]), 'people.csv');
            if (
              (await send('import', '/api/imports/people', { method: 'POST', headers, body: form })) === 200
            )
              importsDone++;
          } else if (r < 0.05) await send('export', '/api/people/export', { headers });
          else if (r < 0.3) await send('report', `/api/reports/answer-sheet?org=FT&${period}`, { headers });
          else if (r < 0.65) await send('staff-list', '/api/people?page=1&pageSize=20', { headers });
          else await send('staff-list', '/api/orgs/tree', { headers });
        } else await send('public', r < 0.8 ? '/' : '/rss.xml');
        await new Promise((resolve) => setTimeout(resolve, thinkTime()));
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
    const seconds = (performance.now() - started) / 1000;

    const recorded = await checkInsRecorded(db, world.activityId);
    const imported = await db
      .selectFrom('people')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('id_number_hash').distinct().as('distinct'),
      ])
      .where('name', 'like', '导入团员%')
      .executeTakeFirstOrThrow();
    console.log(
      `\n${count} process${count > 1 ? 'es' : ''} behind nginx, ${USERS} users, ${seconds.toFixed(0)} s:`,
    );
    for (const [kind, t] of [...tallies].sort()) {
      const sorted = t.latencies.sort((a, b) => a - b);
      const errors = [...t.errors].map(([k, n]) => `${k}×${n}`).join(' ') || 'none';
      console.log(
        `  ${kind.padEnd(10)} ${String(sorted.length).padStart(6)} answers  p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(sorted, 95).toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms  errors: ${errors}`,
      );
    }
    const staffPages = (['staff-list', 'report', 'export'] as const)
      .flatMap((kind) => tallies.get(kind)?.latencies ?? [])
      .sort((a, b) => a - b);
    const errorCount = [...tallies.values()].reduce(
      (a, t) => a + [...t.errors.values()].reduce((x, n) => x + n, 0),
      0,
    );
    console.log(
      `  staff pages (lists, answer sheets, exports) p95 ${percentile(staffPages, 95).toFixed(0)} ms (goal < 300 ms); ${errorCount} errors in all (goal 0)`,
    );
    const answered = [...tallies.values()].reduce((a, t) => a + t.latencies.length, 0);
    const { user: userCpu, system: systemCpu } = process.cpuUsage(clientCpu);
    console.log(
      `  ${(answered / seconds).toFixed(0)} req/s answered; load average ${loadAverage()} (${os.cpus().length} CPU, shared with other work); the simulated users themselves took ${((userCpu + systemCpu) / 1e6 / seconds).toFixed(2)} CPU-s a second of the same cores`,
    );
    const lost = acknowledgedCheckIns - recorded.checkedIn;
    console.log(
      `  writes: ${acknowledgedCheckIns} check-ins acknowledged, ${recorded.checkedIn} recorded, ${recorded.audited} audited (${lost === 0 && recorded.audited === recorded.checkedIn ? 'none lost or duplicated' : 'MISMATCH'}); ${importsDone} imports of 200 people taken, ${Number(imported.n)} people rows for ${Number(imported.distinct)} identity numbers (${Number(imported.n) === Number(imported.distinct) && (importsDone === 0 || Number(imported.n) === 200) ? 'none duplicated' : 'MISMATCH'})`,
    );
    return answered / seconds;
  } finally {
    nginx?.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => processes.stop(s)));
    keepLogs(count, servers);
    nginxErrors(nginxDir);
    await db.destroy();
    await where.dispose();
    rmSync(nginxDir, { recursive: true, force: true });
  }
}

const counts = args.processes.split(',').map(Number);
console.log(
  `tuanwu cluster benchmark — ${USERS} users × ${SECONDS} s, ${args.think} s between a user's requests, processes ${counts.join(' then ')}, node ${process.version}, ${os.cpus().length} CPU, load ${loadAverage()}`,
);
const rates = new Map<number, number>();
for (const count of counts) rates.set(count, await leg(count));
if (rates.has(1) && rates.has(3))
  console.log(`\nthroughput 3 processes / 1 process: ${(rates.get(3)! / rates.get(1)!).toFixed(2)}`);
