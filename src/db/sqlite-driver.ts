import { setTimeout as sleep } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';

/** How long a write waits for another process's write transaction (a CLI import can take minutes). */
export const DEFAULT_BUSY_WAIT_MS = 5 * 60_000;

/**
 * SQLite's own busy handler sleeps synchronously, which would freeze the whole server; it is kept short and
 * the longer wait happens here, between attempts, with the event loop free.
 */
export const SYNC_BUSY_TIMEOUT_MS = 10;

export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

interface WaitingOptions {
  /** The connection itself, for `inTransaction` (the Kysely-facing wrapper hides it). */
  raw: SQLite.Database;
  busyWaitMs: number;
}

/**
 * Retries a statement refused with SQLITE_BUSY while no transaction is open, i.e. when the refusal means
 * "nothing ran yet": autocommit statements and `begin immediate` itself. Inside a transaction a busy error is
 * not retried (the transaction holds the write lock from its start, so it cannot happen there).
 */
class WaitingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly options: WaitingOptions,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.options.busyWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isSqliteBusy(error) || this.options.raw.inTransaction || Date.now() >= deadline) throw error;
        // Jitter, so processes waiting on each other do not retry in step.
        await sleep(Math.min(50, 2 ** Math.min(attempt, 5)) + Math.random() * 10);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Kysely's driver opens transactions with a plain (deferred) `begin`: the write lock is taken at the first write,
 * and if another process holds it then SQLite fails at once (SQLITE_BUSY, no waiting, to avoid a deadlock).
 * `begin immediate` takes the write lock first, so a writer waits its turn instead.
 */
class WaitingSqliteDriver extends SqliteDriver implements Driver {
  readonly #options: WaitingOptions;
  readonly #wrapped = new WeakMap<DatabaseConnection, WaitingConnection>();

  constructor(database: SqliteDatabase, options: WaitingOptions) {
    super({ database });
    this.#options = options;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    let wrapped = this.#wrapped.get(inner);
    if (!wrapped) {
      wrapped = new WaitingConnection(inner, this.#options);
      this.#wrapped.set(inner, wrapped);
    }
    return wrapped;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * After SQLITE_FULL or an I/O error SQLite has already rolled the transaction back; a second rollback would
   * fail with "cannot rollback - no transaction is active" and hide the error that matters.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#options.raw.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

/**
 * SQLite can roll DDL back. Claiming so makes Kysely's migrator run all pending migrations in one transaction,
 * and with `begin immediate` that transaction is the lock between processes migrating the same file at once.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class WaitingSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  readonly #options: WaitingOptions;

  constructor(database: SqliteDatabase, options: WaitingOptions) {
    super({ database });
    this.#database = database;
    this.#options = options;
  }

  override createDriver(): Driver {
    return new WaitingSqliteDriver(this.#database, this.#options);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
