/**
 * npm run bench:import-limits — sends a real server the hostile files of issue 12 finding 4 and prints, for each,
 * how long the refusal took, the server's peak RSS (VmHWM) and the worst /api/health latency a poller saw
 * meanwhile. Targets: refusal within 10 s, RSS under 600 MiB, health under 1 s. SQLite unless TUANWU_DB names
 * a PostgreSQL database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tuanwu-import-limits-'));
  const dbUrl = process.env.TUANWU_DB ?? `sqlite:${path.join(dataDir, 'tuanwu.db')}`;
  const db = createDb(dbUrl);
  await migrateToLatest(db);
  const ctx = { db, cipher: createPersonalDataCipher(SECRET) } as unknown as TestContext;
  await buildOrg(ctx, { code: 'LIM', parentCode: null, kind: 'committee', level: 'county' });
  await buildUser(ctx, { username: 'lim-admin', orgCode: 'LIM', roles: ['org_admin'] });
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
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lim-admin', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    // Bodies are built before the poller starts: building them blocks this process, not the server.
    const bodies = new Map<string, ReturnType<typeof multipartFile>>();
    for (const file of [record, bomb, rows])
      bodies.set(file, multipartFile(path.basename(file), readFileSync(file)));
    const send = async (file: string) => {
      const { payload, headers } = bodies.get(file)!;
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
        reason: body.error?.details?.errors?.[0]?.reason ?? body.error?.message ?? '',
      };
    };

    const cases: [string, () => Promise<{ status: number; reason: string }[]>][] = [
      ['CSV, one 50 MB record', async () => [await send(record)]],
      ['xlsx, one cell inflating to 300 MB', async () => [await send(bomb)]],
      ['xlsx, 2,000,000 rows', async () => [await send(rows)]],
      [
        '8 imports at once (3 CSV records, 3 cell bombs, 2 endless sheets)',
        () => Promise.all([record, bomb, rows, record, bomb, rows, record, bomb].map((f) => send(f))),
      ],
    ];
    console.log(`database: ${dbUrl.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL'}`);
    console.log('case | refused in | statuses | peak RSS (server) | worst /api/health | reason');
    for (const [label, run] of cases) {
      let worst = 0;
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const t = performance.now();
          await fetch(`${base}/api/health`).then((r) => r.text());
          worst = Math.max(worst, performance.now() - t);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const t0 = performance.now();
      const answers = await run();
      const seconds = (performance.now() - t0) / 1000;
      polling = false;
      await poller;
      console.log(
        `${label} | ${seconds.toFixed(2)} s | ${answers.map((a) => a.status).join(',')} | ${peakRssMiB(server.pid!).toFixed(0)} MiB | ${worst.toFixed(0)} ms | ${answers[0]!.reason.slice(0, 60)}`,
      );
    }
  } finally {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
