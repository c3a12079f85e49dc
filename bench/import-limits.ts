/**
 * npm run bench:import-limits — sends a real server the hostile files of issue 12 finding 4 and prints, for each,
 * how long the refusal took, the server's peak RSS (VmHWM) and the worst /api/health latency a poller saw
 * meanwhile. Targets: refusal within 10 s, RSS under 600 MiB, health under 1 s. SQLite unless TUANWU_DB names
 * a PostgreSQL database; TUANWU_IMPORT_CONCURRENCY passes to the server (imports it runs at once, default 1).
 * Eight at once by eight users wait in the import queue; by one user, seven are refused (409) before their body.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createDb } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createPersonalDataCipher } from '../src/lib/crypto.ts';
import { makeIdNumber } from '../src/lib/id-number.ts';
import type { TestContext } from '../src/test/db.ts';
import { multipartFile } from '../src/test/dump.ts';
import { buildOrg, buildUser, TEST_PASSWORD } from '../src/test/factories.ts';
import { writeCellBombXlsx, writeManyRowsXlsx } from '../src/test/hostile-sheets.ts';

const SECRET = 'bench-secret-of-sufficient-length-for-hkdf';
const MiB = 1024 * 1024;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Polls health every 50 ms on a worker thread until stop(), which gives the worst latency seen. */
function startHealthPoller(url: string): { stop(): Promise<number> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    let worst = 0, polling = true;
    parentPort.on('message', () => { polling = false; });
    (async () => {
      while (polling) {
        const t = performance.now();
        await fetch(workerData).then((r) => r.text());
        worst = Math.max(worst, performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
      parentPort.postMessage(worst);
    })();`,
    { eval: true, workerData: url },
  );
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (worst: number) => {
          void worker.terminate();
          resolve(worst);
        });
        worker.postMessage('stop');
      }),
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tuanwu-import-limits-'));
  const dbUrl = process.env.TUANWU_DB ?? `sqlite:${path.join(dataDir, 'tuanwu.db')}`;
  const db = createDb(dbUrl);
  await migrateToLatest(db);
  const ctx = { db, cipher: createPersonalDataCipher(SECRET) } as unknown as TestContext;
  await buildOrg(ctx, { code: 'LIM', parentCode: null, kind: 'committee', level: 'county' });
  // Eight clerks: one import at a time per user, so eight at once take eight users (the queue's case).
  for (let i = 0; i < 8; i++)
    await buildUser(ctx, { username: `lim-admin${i}`, orgCode: 'LIM', roles: ['org_admin'] });
  await db.destroy();

  const files = path.join(dataDir, 'files');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(files);
  const record = path.join(files, 'record-50mb.csv');
  writeFileSync(
    record,
    `身份证号,姓名,政治面貌\n${makeIdNumber('419901', '2001-01-01', 1)},"${'长'.repeat((50 * MiB) / 3)}"\n`,
  );
  const bomb = path.join(files, 'cell-300mb.xlsx');
  await writeCellBombXlsx(bomb, 300 * MiB);
  const rows = path.join(files, 'rows-2m.xlsx');
  await writeManyRowsXlsx(rows, 2_000_000);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['bin/tuanwu.js', 'serve'], {
    env: {
      ...process.env,
      TUANWU_DATA_DIR: dataDir,
      TUANWU_DB: dbUrl,
      TUANWU_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error('server did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const sessions: { cookie: string; csrfToken: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `lim-admin${i}`, password: TEST_PASSWORD }),
      });
      const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      sessions.push({ cookie, csrfToken });
    }

    // Bodies are built before the poller starts: building them blocks this process, not the server.
    const bodies = new Map<string, ReturnType<typeof multipartFile>>();
    for (const file of [record, bomb, rows])
      bodies.set(file, multipartFile(path.basename(file), readFileSync(file)));
    const send = async (file: string, user = 0) => {
      const { payload, headers } = bodies.get(file)!;
      const { cookie, csrfToken } = sessions[user]!;
      const t = performance.now();
      const res = await fetch(`${base}/api/imports/people`, {
        method: 'POST',
        headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
        body: payload,
      });
      const body = (await res.json()) as {
        error?: { details?: { errors?: { reason: string }[] }; message?: string };
      };
      return {
        status: res.status,
        seconds: (performance.now() - t) / 1000,
        reason: body.error?.details?.errors?.[0]?.reason ?? body.error?.message ?? '',
      };
    };
    type Answer = Awaited<ReturnType<typeof send>>;
    const eight = [record, bomb, rows, record, bomb, rows, record, bomb];

    const cases: [string, () => Promise<Answer[]>][] = [
      // What the machine's load alone does to health (the machine is shared): nothing sent for 5 s.
      [
        'nothing (health alone, 5 s)',
        async () => [
          await new Promise<Answer>((r) => setTimeout(() => r({ status: 0, seconds: 5, reason: '' }), 5000)),
        ],
      ],
      ['CSV, one 50 MB record', async () => [await send(record)]],
      ['xlsx, one cell inflating to 300 MB', async () => [await send(bomb)]],
      ['xlsx, 2,000,000 rows', async () => [await send(rows)]],
      [
        '8 imports at once by 8 users (3 CSV records, 3 cell bombs, 2 endless sheets)',
        () => Promise.all(eight.map((f, i) => send(f, i))),
      ],
      [
        '8 imports at once by one user (7 refused 409 by the queue)',
        () => Promise.all(eight.map((f) => send(f, 0))),
      ],
    ];
    const concurrency = process.env.TUANWU_IMPORT_CONCURRENCY ?? '1';
    console.log(
      `database: ${dbUrl.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL'}; imports at once per process: ${concurrency}`,
    );
    console.log(
      'case | all answered in | statuses | quickest / slowest answer | peak RSS (server) | worst /api/health | reason',
    );
    for (const [label, run] of cases) {
      // The poller has an event loop of its own: sending 8 large bodies keeps this one busy, and that delay is
      // the bench's, not the server's.
      const poller = startHealthPoller(`${base}/api/health`);
      const t0 = performance.now();
      const answers = await run();
      const seconds = (performance.now() - t0) / 1000;
      const worst = await poller.stop();
      const times = answers.map((a) => a.seconds).sort((a, b) => a - b);
      console.log(
        `${label} | ${seconds.toFixed(2)} s | ${answers.map((a) => a.status).join(',')} | ${times[0]!.toFixed(2)} / ${times.at(-1)!.toFixed(2)} s | ${peakRssMiB(server.pid!).toFixed(0)} MiB | ${worst.toFixed(0)} ms | ${[...new Set(answers.map((a) => a.reason.slice(0, 40)))].join(' / ')}`,
      );
    }
  } finally {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
