/**
 * Benchmark of the public site: the home page and an article page, served by a started tuanwu.
 *
 *   node --import tsx bench/portal.ts [--seconds 10] [--connections 50]
 *
 * Starts `tuanwu serve --seed-demo` in a child process on a fresh data folder (the demo city and its
 * website), waits for it to answer, then drives each page with autocannon from this process. Pages come
 * from the in-memory page cache after the first request, as in production between publications. Prints
 * figures, including requests per CPU-second of the server process (what one core sustains, whatever else
 * the machine is doing); asserts nothing about them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = path.resolve(import.meta.dirname, '..');

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

/** CPU seconds (user + system) the server process has used: a figure a busy machine does not distort. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function run(url: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1 }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-bench-portal-'));
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'bin/tuanwu.js'), 'serve', '--seed-demo'], {
  cwd: root,
  env: { ...process.env, TUANWU_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitFor(`${base}/api/health`, server);
  const rss = await (await fetch(`${base}/rss.xml`)).text();
  const article = /\/articles\/(\d+)/.exec(rss)?.[0];
  if (!article) throw new Error('the demo site has no published article');
  console.log(
    `tuanwu public site, ${connections} connections, ${seconds} s each, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const [name, pathName] of [
    ['home', '/'],
    ['article', article],
  ] as const) {
    await fetch(`${base}${pathName}`);
    const cpuBefore = cpuSecondsOf(server.pid!);
    const r = await run(`${base}${pathName}`);
    const cpu = cpuSecondsOf(server.pid!) - cpuBefore;
    console.log(
      `${name.padEnd(8)} ${pathName.padEnd(14)} ${Math.round(r.requests.average).toLocaleString('en')} req/s ` +
        `(min ${r.requests.min}, max ${r.requests.max}), latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
        `${(r.throughput.average / 1024 / 1024).toFixed(1)} MB/s, non-2xx ${r.non2xx}, errors ${r.errors}; ` +
        `server CPU ${cpu.toFixed(1)} s → ${Math.round((r.requests.average * seconds) / cpu).toLocaleString('en')} req per CPU-second`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
