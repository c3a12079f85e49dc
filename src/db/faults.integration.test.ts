import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { createDb, type Db, dialect } from './create-db.ts';
import { DatabaseBusyError, DatabaseUnavailableError, DiskFullError, databaseFault } from './faults.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';

const opened: Db[] = [];
const folders: string[] = [];
const contexts: TestContext[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
  for (const ctx of contexts.splice(0)) await ctx.dispose();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sqliteFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-faults-'));
  folders.push(dir);
  return path.join(dir, 'tuanwu.db');
}

function open(url: string, busyWaitMs?: number): Db {
  const db = createDb(url, { busyWaitMs });
  opened.push(db);
  return db;
}

async function probeTable(db: Db): Promise<void> {
  const id = dialect(db) === 'postgres' ? sql`serial primary key` : sql`integer primary key`;
  await sql`create table probe (id ${id}, n integer not null)`.execute(db);
}

const count = async (db: Db) =>
  Number((await sql<{ n: number }>`select count(*) as n from probe`.execute(db)).rows[0]!.n);

describe('SQLite shared by several processes (defect 7)', () => {
  it('a read-then-write transaction waits for another connection’s write instead of failing', async () => {
    const file = sqliteFile();
    const a = open(`sqlite:${file}`);
    const b = open(`sqlite:${file}`);
    await probeTable(a);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = a.transaction().execute(async (trx) => {
      await sql`insert into probe (n) values (1)`.execute(trx);
      await held;
    });
    await sleep(50);
    // A deferred transaction would read, then fail with SQLITE_BUSY at its first write.
    const second = b.transaction().execute(async (trx) => {
      const before = await count(trx);
      await sql`insert into probe (n) values (${before + 1})`.execute(trx);
    });
    await sleep(200);
    release();
    await Promise.all([first, second]);
    expect(
      (await sql<{ n: number }>`select n from probe order by id`.execute(a)).rows.map((r) => r.n),
    ).toEqual([1, 2]);
  });

  it('a write that waits longer than its limit is a Chinese "数据库正忙", and nothing is written', async () => {
    const file = sqliteFile();
    const a = open(`sqlite:${file}`);
    const b = open(`sqlite:${file}`, 100);
    await probeTable(a);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = a.transaction().execute(async (trx) => {
      await sql`insert into probe (n) values (1)`.execute(trx);
      await held;
    });
    await sleep(50);
    const error = await b
      .transaction()
      .execute((trx) => sql`insert into probe (n) values (2)`.execute(trx))
      .catch((e: unknown) => e);
    release();
    await first;
    const fault = databaseFault(error);
    expect(fault).toBeInstanceOf(DatabaseBusyError);
    expect(fault?.message).toContain('数据库正忙');
    expect(await count(a)).toBe(1);
  });
});

for (const dialect of DIALECTS) {
  describe(`migrations started together (defect 13, ${dialect})`, () => {
    it('two processes migrating one fresh database both come up', async () => {
      let url = `sqlite:${sqliteFile()}`;
      if (dialect === 'postgres') {
        const ctx = await createTestContext('postgres');
        contexts.push(ctx);
        url = ctx.config.databaseUrl;
        // A fresh database: drop what createTestContext migrated.
        await sql`drop schema public cascade`.execute(ctx.db);
        await sql`create schema public`.execute(ctx.db);
      }
      const [a, b] = [open(url), open(url)];
      const pending = await pendingMigrations(a);
      const [first, second] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      // Every migration of this build ran, between the two.
      expect(first.length + second.length).toBe(pending);
      // Each migration ran once, in one of the two.
      expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
      expect(await migrateToLatest(a)).toEqual([]);
    });
  });
}

describe.skipIf(!process.env.TEST_PG_URL)('PostgreSQL connections dropped (defect 1)', () => {
  async function terminate(url: string): Promise<number> {
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL });
    await admin.connect();
    const name = new URL(url).pathname.slice(1);
    const { rowCount } = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    await admin.end();
    return rowCount ?? 0;
  }

  it('an idle connection ended by the server does not end the process; the next query works', async () => {
    const ctx = await createTestContext('postgres');
    contexts.push(ctx);
    await Promise.all([1, 2, 3].map(() => sql`select 1`.execute(ctx.db)));
    // How many idle clients the pool kept open is the pool's business; the guard is that the fault happened.
    expect(await terminate(ctx.config.databaseUrl)).toBeGreaterThan(0);
    // Let the idle clients see their sockets close (an unhandled 'error' would fail this test run).
    await sleep(200);
    expect((await sql<{ one: number }>`select 1 as one`.execute(ctx.db)).rows[0]?.one).toBe(1);
  });

  it('a query in flight fails as "数据库连接中断，请重试", and the next one works', async () => {
    const ctx = await createTestContext('postgres');
    contexts.push(ctx);
    const inFlight = sql`select pg_sleep(10)`.execute(ctx.db).catch((e: unknown) => e);
    await sleep(200);
    await terminate(ctx.config.databaseUrl);
    const fault = databaseFault(await inFlight);
    expect(fault).toBeInstanceOf(DatabaseUnavailableError);
    expect(fault?.message).toBe('数据库连接中断，请重试');
    expect((await sql<{ one: number }>`select 1 as one`.execute(ctx.db)).rows[0]?.one).toBe(1);
  });

  it('a transaction whose connection is ended between statements fails cleanly', async () => {
    const ctx = await createTestContext('postgres');
    contexts.push(ctx);
    await probeTable(ctx.db);
    const error = await ctx.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into probe (n) values (1)`.execute(trx);
        await terminate(ctx.config.databaseUrl);
        await sleep(200);
        await sql`insert into probe (n) values (2)`.execute(trx);
      })
      .catch((e: unknown) => e);
    expect(databaseFault(error), String(error)).toBeInstanceOf(DatabaseUnavailableError);
    expect(await count(ctx.db)).toBe(0);
  });
});

/** A tmpfs of a few MiB, when this machine lets us mount one (root, or a container allowing it). */
function smallDisk(): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

describe('SQLite on a full disk (defect 9)', () => {
  const disk = smallDisk();
  afterEach(() => {
    if (!disk) return;
    execFileSync('umount', ['-l', disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  it.skipIf(!disk)('a write that does not fit is "磁盘空间不足" and changes nothing', async () => {
    const db = open(`sqlite:${path.join(disk!, 'tuanwu.db')}`);
    await probeTable(db);
    await sql`insert into probe (n) values (1)`.execute(db);
    // Fill the disk, leaving almost nothing for the WAL.
    try {
      writeFileSync(path.join(disk!, 'filler'), Buffer.alloc(8 * 1024 * 1024));
    } catch {
      // ENOSPC: the filler took what there was.
    }
    const error = await db
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 200; i++)
          await sql`insert into probe (n) values (${i}), (${i}), (${i}), (${i})`.execute(trx);
        await sql`create table bulk as select randomblob(1048576) as b from probe`.execute(trx);
      })
      .catch((e: unknown) => e);
    const fault = databaseFault(error);
    expect(fault, String(error)).toBeInstanceOf(DiskFullError);
    expect(fault?.message).toContain('磁盘空间不足');
    rmSync(path.join(disk!, 'filler'), { force: true });
    expect(await count(db)).toBe(1);
  });
});
