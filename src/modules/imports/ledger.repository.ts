import { type Kysely, sql } from 'kysely';
import { executeCompiledOnce, insertMany, updateMany } from '../../db/bulk-insert.ts';
import { type Db, dialect } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: one upsert serves every ledger table; the specs type their records
type Loose = Kysely<any>;
export type LedgerRecord = Record<string, string | number | null>;
export type StoredLedgerRecord = LedgerRecord & { id: number; org_id: number; org_path: string };

/**
 * Keys a query asks for at most. Lists are padded to a multiple of LIST_STEP (repeating the last key) so that
 * few query texts are ever compiled; SQLite allows 32,766 parameters, PostgreSQL 65,535.
 */
const KEYS_PER_QUERY = 500;
const LIST_STEP = 100;

/**
 * The stored rows whose `columns` equal one of `keys` (each a value per column, none null), one query per
 * KEYS_PER_QUERY keys. PostgreSQL receives the keys as one JSON parameter turned into the table's own row type,
 * so the comparison is typed as the columns are; SQLite matches a row value against a VALUES list. Both reach the
 * rows through the natural key's unique index.
 */
export async function findByKeys(
  db: Db,
  table: LedgerTableName,
  columns: string[],
  keys: (string | number)[][],
): Promise<StoredLedgerRecord[]> {
  const found: StoredLedgerRecord[] = [];
  const loose = db as unknown as Loose;
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY);
    if (dialect(db) === 'postgres') {
      const records = chunk.map((key) => Object.fromEntries(columns.map((c, i) => [c, key[i]])));
      const keysSet = sql`json_populate_recordset(null::${sql.table(table)}, ${''}::json)`;
      found.push(
        ...(await executeCompiledOnce<StoredLedgerRecord>(
          db,
          `ledger-by-keys|${table}|${columns.join(',')}`,
          () =>
            loose
              .selectFrom(table)
              .innerJoin(keysSet.as('k'), (join) =>
                columns.reduce((on, c) => on.onRef(`${table}.${c}`, '=', `k.${c}`), join),
              )
              .selectAll(table)
              .compile().sql,
          [JSON.stringify(records)],
        )),
      );
      continue;
    }
    const size = Math.ceil(chunk.length / LIST_STEP) * LIST_STEP;
    const padded = chunk.concat(Array(size - chunk.length).fill(chunk[chunk.length - 1]));
    const tuple = sql`(${sql.join(columns.map(() => sql`${null}`))})`;
    found.push(
      ...(await executeCompiledOnce<StoredLedgerRecord>(
        db,
        `ledger-by-keys|${table}|${columns.join(',')}|${size}`,
        () =>
          sql`select * from ${sql.table(table)} where (${sql.join(columns.map((c) => sql.ref(c)))}) in (values ${sql.join(Array(size).fill(tuple))})`.compile(
            loose,
          ).sql,
        padded.flat(),
      )),
    );
  }
  // A padded list asks for its last key again; each row once.
  return [...new Map(found.map((r) => [r.id, r])).values()];
}

/** The stored row with the given natural key, or undefined. */
export async function findByNaturalKey(db: Db, table: LedgerTableName, key: LedgerRecord) {
  let q = (db as unknown as Loose).selectFrom(table).selectAll();
  for (const [column, value] of Object.entries(key)) q = q.where(column, value === null ? 'is' : '=', value);
  return (await q.executeTakeFirst()) as StoredLedgerRecord | undefined;
}

/** Rows sharing one set of columns, inserted in bulk (in the given order). */
export async function insertLedgerRows(db: Db, table: LedgerTableName, rows: LedgerRecord[]): Promise<void> {
  await insertMany(db, table, rows as never[]);
}

/** Rows sharing one set of columns, each updated by its id, in bulk. */
export async function updateLedgerRows(
  db: Db,
  table: LedgerTableName,
  rows: (LedgerRecord & { id: number })[],
): Promise<void> {
  await updateMany(db, table, rows);
}

/** The rows of a ledger table with any of the given codes. */
export async function findByCodes(db: Db, table: LedgerTableName, codes: string[]) {
  return findByKeys(
    db,
    table,
    ['code'],
    codes.map((c) => [c]),
  );
}

/** A row of a ledger table found by its code (schools, classes, activities, posts …). */
export async function findByCode(db: Db, table: LedgerTableName, code: string) {
  return (await (db as unknown as Loose)
    .selectFrom(table)
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst()) as StoredLedgerRecord | undefined;
}

/** Rows of `table` whose `foreignKey` names one of `parentIds` take the organisation `org`. */
export async function moveDependentRows(
  db: Db,
  table: LedgerTableName,
  foreignKey: string,
  parentIds: number[],
  org: { org_id: number; org_path: string },
): Promise<void> {
  for (let i = 0; i < parentIds.length; i += 500) {
    await (db as unknown as Loose)
      .updateTable(table)
      .set({ org_id: org.org_id, org_path: org.org_path })
      .where(foreignKey, 'in', parentIds.slice(i, i + 500))
      .execute();
  }
}
