import type { Kysely } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: one query serves every ledger table's code column
type Loose = Kysely<any>;

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

/** Whether a row of a ledger table already has this code (imported, typed by hand or numbered). */
export async function isCodeStored(db: Db, table: LedgerTableName, code: string): Promise<boolean> {
  const row = await (db as unknown as Loose)
    .selectFrom(table)
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}
