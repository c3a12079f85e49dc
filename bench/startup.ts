/**
 * Start-up of the CLI and the server, built (dist/) against TypeScript through tsx (issue 14).
 *
 *   node --import tsx bench/startup.ts [--runs 5] [--bin <another checkout>/bin/tuanwu.js]
 *
 * Builds dist/ when it is not current (and prints how long that took), then for each way of running:
 * `tuanwu --help` and the time from spawning `tuanwu serve` to its first 200 on /api/health (on an already
 * migrated SQLite database, and once on an empty data folder, migrations included). Prints medians of wall
 * time and of the CPU time the process used (what a busy machine does not distort), with the load average.
 * `--bin` measures that CLI as it is instead (e.g. a checkout from before the build, for a before/after).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer, builtEntry, ROOT } from '../scripts/server-build.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, bin: { type: 'string' } },
});
const runs = Number(values.runs);
const bin = path.resolve(values.bin ?? path.join(ROOT, 'bin/tuanwu.js'));
const TICK_MS = 1000 / 100; // USER_HZ

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** CPU ms (user + system) of a process (`self`: of this one's waited-for children when `children`). */
function cpuMs(pid: number | 'self', children = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // Fields from the state on: utime 14, stime 15, cutime 16, cstime 17 (1-based in proc(5)) → 11..14 here.
  const at = children ? 13 : 11;
  return (Number(fields[at]) + Number(fields[at + 1])) * TICK_MS;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function help(env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const cpu0 = cpuMs('self', true);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, '--help'], { env, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (!r.stderr.includes('用法')) throw new Error(`tuanwu --help printed no usage:\n${r.stderr}`);
  return { wall, cpu: cpuMs('self', true) - cpu0 };
}

async function ready(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ wall: number; cpu: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    env: { ...env, TUANWU_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { wall: performance.now() - t0, cpu: cpuMs(child.pid!) };
      if (performance.now() - t0 > 120_000) throw new Error('server not ready within 120 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(`machine: ${os.cpus().length} CPU, load average ${load()}`);
if (!values.bin && !builtEntry()) {
  const ms = buildServer();
  console.log(`dist/ was not current: built in ${(ms / 1000).toFixed(1)} s`);
}

const base: NodeJS.ProcessEnv = { ...process.env, TUANWU_DB: '', TUANWU_SECRET: '' };
const modes: [string, NodeJS.ProcessEnv][] = values.bin
  ? [[bin, base]]
  : [
      ['built (dist/)', { ...base, TUANWU_FROM_SOURCE: '' }],
      ['sources (tsx)', { ...base, TUANWU_FROM_SOURCE: '1' }],
    ];
for (const [mode, env] of modes) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-startup-'));
  try {
    const first = await ready(env, dataDir);
    const helps: { wall: number; cpu: number }[] = [];
    const starts: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      helps.push(help({ ...env, TUANWU_DATA_DIR: dataDir }));
      starts.push(await ready(env, dataDir));
    }
    const fmt = (xs: { wall: number; cpu: number }[]) =>
      `${median(xs.map((x) => x.wall)).toFixed(0)} ms wall, ${median(xs.map((x) => x.cpu)).toFixed(0)} ms CPU`;
    console.log(`\n${mode}`);
    console.log(`  tuanwu --help                      ${fmt(helps)}  (median of ${runs})`);
    console.log(
      `  serve → /api/health 200            ${fmt(starts)}  (median of ${runs}, migrated database)`,
    );
    console.log(`  serve on an empty data folder      ${fmt([first])}  (migrations included)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`\nload average at the end ${load()}`);
