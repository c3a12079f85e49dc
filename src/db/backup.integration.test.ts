import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openContext } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { BackupRefusedError, backupSqlite, restoreSqlite } from './backup.ts';
import { KeyMismatchError } from './key-check.ts';

const folders: string[] = [];
const contexts: AppContext[] = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.db.destroy();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-backup-'));
  folders.push(dir);
  return dir;
}

async function open(dataDir: string, secret?: string): Promise<AppContext> {
  const ctx = await openContext(loadConfig({ TUANWU_DATA_DIR: dataDir, TUANWU_SECRET: secret }));
  contexts.push(ctx);
  return ctx;
}

/** A data folder with a database holding one sealed value, and a backup of it. */
async function backedUp(): Promise<{ source: string; backup: string }> {
  const source = folder();
  const ctx = await open(source);
  await sql`insert into regions (code, name, level, parent_id, path, created_at, updated_at)
    values ('419901', ${ctx.cipher.encrypt('区划')}, 'county', null, '/1/', '2026-01-01', '2026-01-01')`.execute(
    ctx.db,
  );
  const backup = path.join(folder(), 'tuanwu-backup.db');
  await backupSqlite(ctx.db, backup);
  await ctx.db.destroy();
  contexts.splice(contexts.indexOf(ctx), 1);
  return { source, backup };
}

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('backup (defect 14)', () => {
  it('is readable by its owner only', async () => {
    const { backup } = await backedUp();
    expect(statSync(backup).mode & 0o777).toBe(0o600);
  });

  it('into a missing folder is refused in Chinese, creating nothing', async () => {
    const ctx = await open(folder());
    const missing = path.join(folder(), 'no-such-folder', 'b.db');
    const error = await backupSqlite(ctx.db, missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupRefusedError);
    expect((error as Error).message).toBe(
      `目标文件夹不存在：${path.dirname(missing)}。请先创建该文件夹，或换一个备份位置`,
    );
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});

describe('restore', () => {
  it('of a missing file is refused in Chinese (defect 14)', () => {
    const dataDir = folder();
    const config = loadConfig({ TUANWU_DATA_DIR: dataDir });
    const error = refusal(() => restoreSqlite('/nowhere/b.db', path.join(dataDir, 'tuanwu.db'), config));
    expect(error).toBeInstanceOf(BackupRefusedError);
    expect((error as Error).message).toBe('备份文件不存在：/nowhere/b.db');
  });

  it('into a folder without the key is refused, naming the file to bring (defect 5)', async () => {
    const { source, backup } = await backedUp();
    const dataDir = folder();
    const target = path.join(dataDir, 'tuanwu.db');
    const error = refusal(() => restoreSqlite(backup, target, loadConfig({ TUANWU_DATA_DIR: dataDir })));
    expect(error).toBeInstanceOf(KeyMismatchError);
    expect((error as Error).message).toContain(`数据文件夹中没有密钥文件 ${dataDir}/secret.key`);
    expect((error as Error).message).toContain(
      `请把原来的 secret.key（与数据库一起备份的那个）放到 ${dataDir}/secret.key`,
    );
    // Nothing written: no database, and no freshly generated key that would seal new data differently.
    expect(readdirSync(dataDir)).toEqual([]);

    copyFileSync(path.join(source, 'secret.key'), path.join(dataDir, 'secret.key'));
    restoreSqlite(backup, target, loadConfig({ TUANWU_DATA_DIR: dataDir }));
    const ctx = await open(dataDir);
    const row = await ctx.db.selectFrom('regions').select('name').executeTakeFirstOrThrow();
    expect(ctx.cipher.decrypt(row.name)).toBe('区划');
  });

  it('with another TUANWU_SECRET is refused, saying so (defect 5)', async () => {
    const { backup } = await backedUp();
    const dataDir = folder();
    const config = loadConfig({
      TUANWU_DATA_DIR: dataDir,
      TUANWU_SECRET: 'another-secret-of-sufficient-length',
    });
    const error = refusal(() => restoreSqlite(backup, path.join(dataDir, 'tuanwu.db'), config));
    expect(error).toBeInstanceOf(KeyMismatchError);
    expect((error as Error).message).toContain('请把 TUANWU_SECRET 设为原密钥');
  });

  it('while the database is open elsewhere is refused and leaves it working (defect 6)', async () => {
    const { source, backup } = await backedUp();
    const running = await open(source);
    const error = refusal(() =>
      restoreSqlite(backup, path.join(source, 'tuanwu.db'), loadConfig({ TUANWU_DATA_DIR: source })),
    );
    expect(error).toBeInstanceOf(BackupRefusedError);
    expect((error as Error).message).toContain('数据库正被其他进程使用');
    await sql`insert into system_settings (name, value) values ('probe', 'x')`.execute(running.db);
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(running.db);
    expect(rows[0]?.integrity_check).toBe('ok');
  });

  it('once the server has stopped replaces the database with the backup', async () => {
    const { source, backup } = await backedUp();
    const ctx = await open(source);
    await sql`delete from regions`.execute(ctx.db);
    await ctx.db.destroy();
    contexts.splice(contexts.indexOf(ctx), 1);
    restoreSqlite(backup, path.join(source, 'tuanwu.db'), loadConfig({ TUANWU_DATA_DIR: source }));
    const reopened = await open(source);
    expect(await reopened.db.selectFrom('regions').select('code').execute()).toEqual([{ code: '419901' }]);
  });
});
