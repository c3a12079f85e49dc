import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import { type Db, dialect, EACH_ROW } from './create-db.ts';
import type { Database } from './schema.ts';

const compiledTexts = new Map<string, string>();

/**
 * Runs a query whose text depends only on `key` (and the dialect), compiling it the first time only: building
 * and compiling a query with hundreds of parameters for each batch of a bulk import cost as much as the
 * database's own work. `parameters` must be the query's parameters in the compiled order.
 */
export async function executeCompiledOnce<R>(
  db: Db,
  key: string,
  compile: () => string,
  parameters: readonly unknown[],
): Promise<R[]> {
  const fullKey = `${dialect(db)}|${key}`;
  let text = compiledTexts.get(fullKey);
  if (text === undefined) {
    text = compile();
    compiledTexts.set(fullKey, text);
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(text, parameters as unknown[]))).rows;
}

function oneRowInsertSql(db: Db, table: keyof Database & string, columns: string[]): string {
  const row = Object.fromEntries(columns.map((c) => [c, null]));
  return db
    .insertInto(table)
    .values(row as never)
    .compile().sql;
}

/**
 * PostgreSQL: the rows travel as one JSON parameter that the server turns into the table's row type, instead of
 * thousands of parameters that the driver and the server each handle one by one.
 */
function recordsetInsertSql(db: Db, table: keyof Database & string, columns: string[]): string {
  const records = sql`json_populate_recordset(null::${sql.table(table)}, ${''}::json)`;
  return db
    .insertInto(table)
    .columns(columns as never)
    .expression((eb) => eb.selectFrom(records.as('r')).select(columns as never) as never)
    .compile().sql;
}

function rowValues(row: Record<string, unknown>, columns: string[]): unknown[] {
  const values: unknown[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]!] ?? null;
  return values;
}

/**
 * Inserts many rows that share one set of columns (the first row's); a missing value is inserted as null.
 * SQLite runs a one-row statement per row, all in one call; PostgreSQL takes `chunkSize` rows per statement.
 */
export async function insertMany<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunkSize = 2000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const all = rows as readonly Record<string, unknown>[];
  const key = `insert|${table}|${columns.join(',')}`;
  if (dialect(db) === 'sqlite') {
    const values = all.map((row) => rowValues(row, columns));
    await executeCompiledOnce(db, key, () => EACH_ROW + oneRowInsertSql(db, table, columns), values);
    return;
  }
  for (let start = 0; start < all.length; start += chunkSize) {
    const chunk = all.slice(start, start + chunkSize);
    await executeCompiledOnce(db, key, () => recordsetInsertSql(db, table, columns), [JSON.stringify(chunk)]);
  }
}

/**
 * Updates many rows by id, each to its own values for the same columns (the first row's, `id` aside). SQLite runs
 * a one-row statement per row in one call; PostgreSQL joins the table to the rows sent as one JSON parameter,
 * `chunkSize` rows per statement.
 */
export async function updateMany<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly (Record<string, unknown> & { id: number })[],
  chunkSize = 2000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).filter((c) => c !== 'id');
  const key = `update|${table}|${columns.join(',')}`;
  // biome-ignore lint/suspicious/noExplicitAny: the columns are the caller's, checked by the table's own types there
  const loose = db as unknown as Kysely<any>;
  if (dialect(db) === 'sqlite') {
    const values = rows.map((row) => [...rowValues(row, columns), row.id]);
    const text = () =>
      loose
        .updateTable(table as string)
        .set(Object.fromEntries(columns.map((c) => [c, null])))
        .where('id', '=', 0)
        .compile().sql;
    await executeCompiledOnce(db, key, () => EACH_ROW + text(), values);
    return;
  }
  const records = sql`json_populate_recordset(null::${sql.table(table)}, ${''}::json)`;
  const text = () =>
    loose
      .updateTable(table as string)
      .from(records.as('r'))
      .set(Object.fromEntries(columns.map((c) => [c, sql.ref(`r.${c}`)])))
      .whereRef(`${table}.id`, '=', 'r.id')
      .compile().sql;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await executeCompiledOnce(db, key, text, [JSON.stringify(chunk)]);
  }
}
