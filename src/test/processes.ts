/**
 * Real processes for the fault suite (test/faults) and the benches: `bin/tuanwu.js` servers and CLI commands on
 * a database prepared here, so a test can kill one with SIGKILL, hold a lock beside it, cut its connections or
 * run several side by side on one database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db, type DialectName, nowIso } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { randomToken, sha256 } from '../lib/crypto.ts';
import { makeIdNumber } from '../lib/id-number.ts';
import type { Role } from '../modules/auth/auth.policy.ts';
import { findOrgByCode, insertOrg } from '../modules/orgs/orgs.repository.ts';
import { insertRegion } from '../modules/regions/regions.repository.ts';
import { insertUser } from '../modules/users/users.repository.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SECRET = 'fault-suite-secret-of-sufficient-length';
export const PG_URL = process.env.TEST_PG_URL;
export const FAULT_DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface Place {
  dataDir: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

/** A throwaway data folder, and a fresh database of the dialect. */
export async function place(dialect: DialectName): Promise<Place> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-fault-'));
  let databaseUrl = `sqlite:${path.join(dataDir, 'tuanwu.db')}`;
  let drop = async () => {};
  if (dialect === 'postgres') {
    const name = `tuanwu_f_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  return {
    dataDir,
    databaseUrl,
    env: { TUANWU_DATA_DIR: dataDir, TUANWU_DB: databaseUrl, TUANWU_SECRET: SECRET },
    async dispose() {
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface World {
  headers: Record<string, string>;
}

/**
 * A county with one branch, and a signed-in admin of the county (a session row, no login round trip) holding
 * `roles` (org_admin unless told).
 */
export async function prepare(db: Db, roles: Role[] = ['org_admin']): Promise<World> {
  await migrateToLatest(db);
  const now = nowIso();
  const regionId = await insertRegion(db, {
    code: '419801',
    name: '故障县',
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
  const org = (code: string, name: string, kind: string, level: string, parentId: number | null) => ({
    code,
    name,
    kind,
    level,
    domain: '其他',
    parent_id: parentId,
    region_id: regionId,
    unit_name: null,
    established_on: null,
    status: 'active',
    created_at: now,
    updated_at: now,
  });
  await insertOrg(db, org('FT', '故障县团委', 'committee', 'county', null), '/');
  const county = (await findOrgByCode(db, 'FT'))!;
  await insertOrg(db, org('FT-B1', '故障村团支部', 'branch', 'grassroots', county.id), county.path);
  const userId = await insertUser(
    db,
    { username: 'admin', passwordHash: 'x', displayName: '管理员', orgId: county.id, now },
    roles,
  );
  const token = randomToken();
  const csrf = randomToken(24);
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrf,
      ip: null,
      user_agent: 'fault-suite',
      created_at: now,
      expires_at: new Date(Date.now() + 8 * 3_600_000).toISOString(),
      last_seen_at: now,
    })
    .execute();
  return {
    headers: { cookie: `tuanwu_session=${token}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
  };
}

export async function prepared(where: Place, roles?: Role[]): Promise<World> {
  const db = createDb(where.databaseUrl);
  try {
    return await prepare(db, roles);
  } finally {
    await db.destroy();
  }
}

export interface Run {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

export function run(argv: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tuanwu.js'), ...argv], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d) => {
    out.stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    out.stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

/** A CLI command to its end: exit code and output. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  const r = run(argv, env);
  const code = await r.exited;
  return { code, ...r.out };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Server extends Run {
  url: string;
}

export async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const r = run(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      // Ready: migrated, its database answering, and not draining.
      if ((await fetch(`${url}/api/ready`)).ok) return { ...r, url };
    } catch {
      /* not up yet */
    }
    if (r.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  r.child.kill('SIGKILL');
  throw new Error(`server did not start: ${r.out.stderr}`);
}

export async function stop(server: Run, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill(signal);
  await server.exited;
}

/** Creates the branch `code` under the county; the status, or 0 when the request itself failed. */
export async function createBranch(url: string, world: World, code: string): Promise<number> {
  try {
    const res = await fetch(`${url}/api/orgs`, {
      method: 'POST',
      headers: world.headers,
      body: JSON.stringify({
        code,
        parentCode: 'FT',
        name: `支部${code}`,
        kind: 'branch',
        level: 'grassroots',
        domain: '其他',
        regionCode: '419801',
      }),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Runs `jobs` with at most `width` in flight. */
export async function inFlight<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** A people CSV of `rows` members of branch FT-B1. */
export function peopleCsv(file: string, rows: number): void {
  const lines = ['身份证号,姓名,政治面貌,所在团组织编码,入团日期,团员编号'];
  for (let i = 0; i < rows; i++) {
    const birth = `2000-${String((i % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`;
    const id = makeIdNumber('419801', birth, Math.floor(i / 336) % 1000);
    lines.push(`${id},导入团员${i},共青团员,FT-B1,2021-05-04,2021${String(i + 1).padStart(8, '0')}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export async function countOf(databaseUrl: string, table: 'orgs' | 'people' | 'imports'): Promise<number> {
  const db = createDb(databaseUrl);
  try {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

export async function orgCodes(databaseUrl: string): Promise<Set<string>> {
  const db = createDb(databaseUrl);
  try {
    return new Set((await db.selectFrom('orgs').select('code').execute()).map((r) => r.code));
  } finally {
    await db.destroy();
  }
}
