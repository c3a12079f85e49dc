import { DomainError } from '../lib/errors.ts';
import { isSqliteBusy } from './sqlite-driver.ts';

/** The disk (SQLite's file or its journal) is full: the transaction was rolled back, nothing was saved. */
export class DiskFullError extends DomainError {
  readonly statusCode = 507;
  readonly code = 'DISK_FULL';

  constructor() {
    super('磁盘空间不足，本次操作未保存任何内容；请清理数据所在磁盘后重试');
  }
}

/** Another process held the write lock for longer than a write waits. */
export class DatabaseBusyError extends DomainError {
  readonly statusCode = 503;
  readonly code = 'DATABASE_BUSY';

  constructor() {
    super('数据库正忙（另一进程正在写入，例如导入），本次操作未保存，请稍后重试');
  }
}

/** The database server ended the connection (restart, failover, an administrator's command). */
export class DatabaseUnavailableError extends DomainError {
  readonly statusCode = 503;
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor() {
    super('数据库连接中断，请重试');
  }
}

// PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is connection exceptions.
const PG_CONNECTION_LOST = new Set(['57P01', '57P02', '57P03']);
const NODE_CONNECTION_LOST = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);
const PG_CONNECTION_LOST_MESSAGE =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/;

/** The connection to PostgreSQL is gone (this query failed with it, and the client must not be reused). */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_CONNECTION_LOST.has(code) || code.startsWith('08') || NODE_CONNECTION_LOST.has(code)) return true;
  }
  return PG_CONNECTION_LOST_MESSAGE.test(error.message);
}

/**
 * The database faults a user can do something about, as the domain errors that say what: every other error
 * stays as it is (and is a 500). Called once, where errors leave the process: the HTTP error handler and the CLI.
 */
export function databaseFault(error: unknown): DomainError | null {
  if (!(error instanceof Error) || error instanceof DomainError) return null;
  const code = (error as { code?: unknown }).code;
  // 53100 is PostgreSQL's disk_full.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return new DiskFullError();
  if (isSqliteBusy(error)) return new DatabaseBusyError();
  if (isConnectionLost(error)) return new DatabaseUnavailableError();
  return null;
}
