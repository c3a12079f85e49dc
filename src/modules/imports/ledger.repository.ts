import type { Kysely } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: one upsert serves every ledger table; the specs type their records
type Loose = Kysely<any>;
export type LedgerRecord = Record<string, string | number | null>;

/** The stored row with the given natural key, or undefined. */
export async function findByNaturalKey(db: Db, table: LedgerTableName, key: LedgerRecord) {
  let q = (db as unknown as Loose).selectFrom(table).selectAll();
  for (const [column, value] of Object.entries(key)) q = q.where(column, value === null ? 'is' : '=', value);
  return (await q.executeTakeFirst()) as (LedgerRecord & { id: number; org_path: string }) | undefined;
}

export async function insertLedgerRow(db: Db, table: LedgerTableName, row: LedgerRecord): Promise<number> {
  const { id } = await (db as unknown as Loose)
    .insertInto(table)
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id as number;
}

export async function updateLedgerRow(
  db: Db,
  table: LedgerTableName,
  id: number,
  changes: LedgerRecord,
): Promise<void> {
  await (db as unknown as Loose).updateTable(table).set(changes).where('id', '=', id).execute();
}

/** The codes of a ledger table that start with `prefix`, to number the next record made in the platform. */
export async function findCodesStartingWith(
  db: Db,
  table: LedgerTableName,
  prefix: string,
): Promise<string[]> {
  const rows = await (db as unknown as Loose)
    .selectFrom(table)
    .select('code')
    .where('code', 'like', `${prefix}%`)
    .execute();
  return rows.map((r) => r.code as string);
}

/** A row of a ledger table found by its code (schools, classes, activities, posts …). */
export async function findByCode(db: Db, table: LedgerTableName, code: string) {
  return (await (db as unknown as Loose)
    .selectFrom(table)
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst()) as (LedgerRecord & { id: number; org_id: number; org_path: string }) | undefined;
}

export async function findCounsellorByPerson(db: Db, personId: number) {
  return db.selectFrom('counsellors').selectAll().where('person_id', '=', personId).executeTakeFirst();
}
