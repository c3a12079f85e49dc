import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cli,
  countOf,
  createBranch,
  FAULT_DIALECTS,
  inFlight,
  orgCodes,
  PG_URL,
  type Place,
  peopleCsv,
  place,
  prepared,
  type Server,
  startServer,
  stop,
} from './harness.ts';

const places: Place[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await stop(s, 'SIGKILL');
  for (const p of places.splice(0)) await p.dispose();
});

async function fresh(dialect: 'sqlite' | 'postgres') {
  const where = await place(dialect);
  places.push(where);
  const world = await prepared(where);
  return { where, world };
}

async function serve(env: NodeJS.ProcessEnv): Promise<Server> {
  const s = await startServer(env);
  servers.push(s);
  return s;
}

for (const dialect of FAULT_DIALECTS) {
  describe(`several processes on one ${dialect} database (defect 7)`, () => {
    it('two servers take 200 writes at 16 in flight: none fails, all are stored', async () => {
      const { where, world } = await fresh(dialect);
      const [a, b] = [await serve(where.env), await serve(where.env)];
      const codes = Array.from({ length: 200 }, (_, i) => `FT-W${i}`);
      const statuses = await inFlight(
        codes.map((code, i) => () => createBranch((i % 2 ? a : b).url, world, code)),
        16,
      );
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      const stored = await orgCodes(where.databaseUrl);
      expect(codes.filter((c) => !stored.has(c))).toEqual([]);
    });
  });
}

describe('a CLI import beside a running server on SQLite (defect 7)', () => {
  it('waits its turn: the import and every write succeed', async () => {
    const { where, world } = await fresh('sqlite');
    const server = await serve(where.env);
    const file = path.join(where.dataDir, 'people.csv');
    peopleCsv(file, 3000);
    const importing = cli(['import', 'people', file], where.env);
    const statuses = await inFlight(
      Array.from({ length: 120 }, (_, i) => () => createBranch(server.url, world, `FT-I${i}`)),
      8,
    );
    const imported = await importing;
    expect(imported.stderr).not.toMatch(/SQLITE_BUSY|\n\s+at /);
    expect(imported.code).toBe(0);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(await countOf(where.databaseUrl, 'people')).toBe(3000);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL drops the server’s connections (defect 1)', () => {
  it('the server stays up and the next write works', async () => {
    const { where, world } = await fresh('postgres');
    const server = await serve(where.env);
    expect(await createBranch(server.url, world, 'FT-D0')).toBe(201);
    const name = new URL(where.databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const burst = inFlight(
      Array.from({ length: 40 }, (_, i) => () => createBranch(server.url, world, `FT-D${i + 1}`)),
      8,
    );
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    const statuses = await burst;
    await admin.end();
    // Writes in flight may fail, as 503 "数据库连接中断，请重试", never as a dead server.
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect(await createBranch(server.url, world, 'FT-D-after')).toBe(201);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('backup and restore from the command line (defects 5, 6, 14)', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:/);

  it('refuses a restore without the key, and one under a running server, in Chinese', async () => {
    const { where } = await fresh('sqlite');
    const keyed = { TUANWU_DATA_DIR: where.dataDir, TUANWU_DB: where.databaseUrl };
    const env = { ...keyed, TUANWU_SECRET: '' };
    // A data folder whose key is a file, as the embedded default has it.
    const first = await cli(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/已执行 \d+ 个数据库迁移|数据库结构已是最新/);
    expect((await cli(['migrate'], env)).stdout).toContain('数据库结构已是最新');

    const backup = path.join(where.dataDir, 'backup.db');
    const backedUp = await cli(['backup', backup], env);
    expect(backedUp.code).toBe(0);
    expect(statSync(backup).mode & 0o777).toBe(0o600);

    const missingFolder = await cli(['backup', path.join(where.dataDir, 'nope', 'b.db')], env);
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.stderr).toContain('目标文件夹不存在');
    noStack(missingFolder.stderr);

    const missingFile = await cli(['restore', path.join(where.dataDir, 'nope.db')], env);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toContain('备份文件不存在');
    noStack(missingFile.stderr);

    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-fault-'));
    try {
      const other = { TUANWU_DATA_DIR: elsewhere, TUANWU_DB: '', TUANWU_SECRET: '' };
      const keyless = await cli(['restore', backup], other);
      expect(keyless.code).toBe(1);
      expect(keyless.stderr).toContain(
        `请把原来的 secret.key（与数据库一起备份的那个）放到 ${elsewhere}/secret.key`,
      );
      noStack(keyless.stderr);
      expect(existsSync(path.join(elsewhere, 'tuanwu.db'))).toBe(false);
      expect(existsSync(path.join(elsewhere, 'secret.key'))).toBe(false);
      copyFileSync(path.join(where.dataDir, 'secret.key'), path.join(elsewhere, 'secret.key'));
      expect((await cli(['restore', backup], other)).code).toBe(0);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }

    const server = await serve(env);
    const underServer = await cli(['restore', backup], env);
    expect(underServer.code).toBe(1);
    expect(underServer.stderr).toContain('数据库正被其他进程使用');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

/** A tmpfs of a few MiB where this machine lets us mount one (root, or a container that allows it). */
function smallDisk(): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

describe('a full disk under a CLI import on SQLite (defect 9)', () => {
  const disk = smallDisk();
  afterEach(() => {
    if (!disk) return;
    execFileSync('umount', ['-l', disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  it.skipIf(!disk)(
    'says 磁盘空间不足, exits 1 and changes nothing (skipped where tmpfs cannot be mounted)',
    async () => {
      const where = await place('sqlite');
      places.push(where);
      const env = { ...where.env, TUANWU_DB: `sqlite:${path.join(disk!, 'tuanwu.db')}` };
      await prepared({ ...where, databaseUrl: env.TUANWU_DB });
      const file = path.join(where.dataDir, 'people.csv');
      peopleCsv(file, 40_000);
      const imported = await cli(['import', 'people', file], env);
      expect(imported.code).toBe(1);
      expect(imported.stderr).toContain('磁盘空间不足');
      expect(imported.stderr).not.toMatch(/\n\s+at /);
      expect(await countOf(env.TUANWU_DB, 'people')).toBe(0);
    },
  );
});
