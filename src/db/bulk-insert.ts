import { CompiledQuery, type Insertable } from 'kysely';
import { type Db, dialect } from './create-db.ts';
import type { Database } from './schema.ts';

const compiledInserts = new Map<string, string>();

/**
 * The SQL of an insert of `size` rows into `table`, compiled by Kysely once and kept: building and compiling a
 * 400-row insert for every chunk of a bulk import cost as much as the database's own work.
 */
function insertSql(db: Db, table: keyof Database & string, columns: string[], size: number): string {
  const key = `${dialect(db)}|${table}|${columns.join(',')}|${size}`;
  let text = compiledInserts.get(key);
  if (text === undefined) {
    const template = Object.fromEntries(columns.map((c) => [c, null]));
    text = db
      .insertInto(table)
      .values(Array.from({ length: size }, () => template) as never)
      .compile().sql;
    compiledInserts.set(key, text);
  }
  return text;
}

/**
 * Inserts many rows that share one set of columns (the first row's), in chunks of `chunkSize`.
 * A missing value is inserted as null.
 */
export async function insertMany<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunkSize = 400,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize) as Record<string, unknown>[];
    const parameters: unknown[] = new Array(chunk.length * columns.length);
    let i = 0;
    for (const row of chunk) for (const column of columns) parameters[i++] = row[column] ?? null;
    await db.executeQuery(CompiledQuery.raw(insertSql(db, table, columns, chunk.length), parameters));
  }
}
