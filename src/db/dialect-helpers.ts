import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/** The few places where SQLite and PostgreSQL DDL differ, so each migration is written once. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** Auto-numbered integer primary key. */
export function withId<T extends string>(
  db: AnyDb,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export function dateType(db: AnyDb) {
  return isPostgres(db) ? 'date' : 'text';
}

export function instantType(db: AnyDb) {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

/** A trigger that refuses UPDATE and DELETE on a table: the audit log is append-only for everyone. */
export async function makeAppendOnly(db: AnyDb, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION tuanwu_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`.execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION tuanwu_append_only()`)
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
      .execute(db);
  }
}

/**
 * Runs a migration's rewrite of an append-only table (data protection: personal data that must not stay at rest
 * in clear) with its triggers lifted, and puts them back. Only migrations may do this; the app never can.
 */
export async function rewritingAppendOnly<T>(
  db: AnyDb,
  table: string,
  rewrite: () => Promise<T>,
): Promise<T> {
  if (isPostgres(db)) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`).execute(db);
  else
    for (const op of ['update', 'delete'])
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_${op}`).execute(db);
  const result = await rewrite();
  await makeAppendOnly(db, table);
  return result;
}
