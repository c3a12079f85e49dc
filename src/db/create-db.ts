import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { createPostgresPool } from './pg-pool.ts';
import type { Database } from './schema.ts';
import { DEFAULT_BUSY_WAIT_MS, SYNC_BUSY_TIMEOUT_MS, WaitingSqliteDialect } from './sqlite-driver.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

const dialectOf = new WeakMap<Db, DialectName>();

// Dates stay strings (DESIGN.md), instants become ISO strings as in SQLite, counts and sums become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const STATEMENT_CACHE_SIZE = 200;

/**
 * Marks SQL text whose single-row statement runs once for each row of its parameters (an array of row arrays),
 * in one call from Kysely. better-sqlite3 binds a one-row statement run row by row faster than one statement
 * of hundreds of rows, and much faster than a Kysely call per row.
 */
export const EACH_ROW = '/* each row */ ';

function eachRow(statement: SQLite.Statement): SqliteStatement {
  return {
    reader: false,
    all: () => {
      throw new Error('a statement run for each row returns no rows');
    },
    iterate: () => {
      throw new Error('a statement run for each row returns no rows');
    },
    run(rows) {
      let changes = 0;
      let lastInsertRowid: number | bigint = 0;
      for (const row of rows as unknown[][]) {
        const result = statement.run(row);
        changes += result.changes;
        lastInsertRowid = result.lastInsertRowid;
      }
      return { changes, lastInsertRowid };
    },
  };
}

/**
 * better-sqlite3 with its prepared statements kept by SQL text (Kysely prepares every query afresh, and preparing
 * a large insert costs as much as running it). A statement still iterating a stream is never handed out twice.
 */
function cachingStatements(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (text: string): SQLite.Statement => {
    const cached = cache.get(text);
    if (cached && !cached.busy) {
      // Most recently used last, so the oldest is the first to go.
      cache.delete(text);
      cache.set(text, cached);
      return cached;
    }
    const statement = database.prepare(text);
    if (!cached) {
      cache.set(text, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  return {
    close: () => database.close(),
    prepare: (text) =>
      text.startsWith(EACH_ROW)
        ? eachRow(prepare(text.slice(EACH_ROW.length)))
        : (prepare(text) as unknown as SqliteStatement),
  };
}

export interface CreateDbOptions {
  /** SQLite: how long a write waits for another process's write transaction before giving up. */
  busyWaitMs?: number;
  /**
   * PostgreSQL: every transaction read-only (a standby's pool, so a write sent there by mistake fails on any
   * server), and idle connections do not keep the process alive.
   */
  readOnly?: boolean;
}

/** Opens the database named by a `sqlite:<path>` or `postgres://…` URL. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const database = new SQLite(file);
    // Switching a fresh file to WAL needs a moment of exclusive access; another process may be doing the same.
    database.pragma('busy_timeout = 10000');
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${SYNC_BUSY_TIMEOUT_MS}`);
    database.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (the default 2 MiB made a 100,000-row import thrash the identity-number index).
    database.pragma('cache_size = -65536');
    const db = new Kysely<Database>({
      dialect: new WaitingSqliteDialect(cachingStatements(database), {
        raw: database,
        busyWaitMs: options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS,
      }),
    });
    dialectOf.set(db, 'sqlite');
    return db;
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = createPostgresPool(url, { readOnly: options.readOnly ?? false });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    dialectOf.set(db, 'postgres');
    return db;
  }
  throw new Error(`不支持的数据库地址：${url}`);
}

export function dialect(db: Db): DialectName {
  // A transaction handle is a distinct Kysely instance; it inherits nothing from the WeakMap, so fall back
  // to the adapter, which both share.
  return (
    dialectOf.get(db) ??
    (db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite')
  );
}

export function nowIso(): string {
  return new Date().toISOString();
}
