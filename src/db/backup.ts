import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { createPersonalDataCipher } from '../lib/crypto.ts';
import { DomainError } from '../lib/errors.ts';
import type { Db } from './create-db.ts';
import { KEY_CHECK_SETTING, KeyMismatchError, keyAdvice, opens, opensKeyCheck } from './key-check.ts';
import { isSqliteBusy } from './sqlite-driver.ts';

/** A backup or restore that cannot go ahead as asked; nothing was changed. */
export class BackupRefusedError extends DomainError {
  readonly statusCode = 400;
  readonly code = 'BACKUP_REFUSED';
}

/**
 * A consistent copy of the SQLite database, taken while the server keeps running (VACUUM INTO). The copy holds
 * names and phones, so only its owner may read it; it does not hold the key.
 */
export async function backupSqlite(db: Db, file: string): Promise<void> {
  const target = path.resolve(file);
  const folder = path.dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new BackupRefusedError(`目标文件夹不存在：${folder}。请先创建该文件夹，或换一个备份位置`);
  }
  rmSync(target, { force: true });
  // VACUUM INTO writes into an empty file it finds; creating it first decides its mode.
  closeSync(openSync(target, 'wx', 0o600));
  try {
    await sql`VACUUM INTO ${target}`.execute(db);
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}

interface BackupFacts {
  keyCheck: string | undefined;
  sealedSample: string | undefined;
}

/** Reads what restoring needs from a backup, refusing a file that is not a sound database of this system. */
function inspectBackup(file: string): BackupFacts {
  if (!existsSync(file)) throw new BackupRefusedError(`备份文件不存在：${path.resolve(file)}`);
  let check: SQLite.Database | undefined;
  try {
    check = new SQLite(file, { readonly: true, fileMustExist: true });
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(String(result));
    check.prepare('select count(*) from orgs').get();
    const hasSettings = check
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'system_settings'")
      .get();
    const keyCheck = hasSettings
      ? (check.prepare('select value from system_settings where name = ?').pluck().get(KEY_CHECK_SETTING) as
          | string
          | undefined)
      : undefined;
    const sealedSample = check.prepare('select id_number_enc from people limit 1').pluck().get() as
      | string
      | undefined;
    return { keyCheck, sealedSample };
  } catch {
    throw new BackupRefusedError(`备份文件无效（不是本系统的数据库备份，或已损坏）：${path.resolve(file)}`);
  } finally {
    check?.close();
  }
}

/**
 * Holds the database file so no process can open it while it is replaced. A process that has it open keeps
 * SQLite's shared lock on it, and leaving WAL mode needs everyone else gone: so this fails while a server or
 * an import is running, rather than replacing the file under them (which corrupted it).
 */
function lockExclusively(target: string): SQLite.Database | undefined {
  if (!existsSync(target)) return undefined;
  const lock = new SQLite(target, { fileMustExist: true });
  try {
    lock.pragma('busy_timeout = 0');
    const mode = lock.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw Object.assign(new Error('still in WAL mode'), { code: 'SQLITE_BUSY' });
    lock.exec('begin exclusive');
    return lock;
  } catch (error) {
    lock.close();
    if (isSqliteBusy(error)) {
      throw new BackupRefusedError(
        `数据库正被其他进程使用（服务或导入正在运行）：${target}。请先停止服务，再恢复；数据库未作任何改动`,
      );
    }
    throw error;
  }
}

/**
 * Replaces the SQLite database with a backup. Refused when the backup is not sound, when the data key of this
 * data folder does not open the backup's data, or while the database is open elsewhere.
 */
export function restoreSqlite(file: string, target: string, config: Config): void {
  const facts = inspectBackup(file);
  const cipher = createPersonalDataCipher(config.secret);
  const keyOpens =
    facts.keyCheck !== undefined
      ? opensKeyCheck(cipher, facts.keyCheck)
      : facts.sealedSample === undefined || opens(cipher, facts.sealedSample);
  if (!keyOpens) {
    throw new KeyMismatchError(
      `未恢复：备份 ${path.resolve(file)} 的数据无法用当前密钥解密。${keyAdvice(config)}`,
    );
  }
  const lock = lockExclusively(target);
  try {
    // Copied beside the target and renamed over it, so a crash leaves the old database or the new, never half.
    const staging = `${target}.restoring`;
    const db = new SQLite(file, { readonly: true });
    try {
      rmSync(staging, { force: true });
      closeSync(openSync(staging, 'wx', 0o600));
      db.exec(`VACUUM INTO '${staging.replaceAll("'", "''")}'`);
    } finally {
      db.close();
    }
    const fd = openSync(staging, 'r');
    fsyncSync(fd);
    closeSync(fd);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(staging, target);
  } finally {
    lock?.close();
  }
}
