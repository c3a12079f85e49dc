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

/**
 * Bumps a series' counter row in place and answers its new value, or null when the series has no row yet. Bumped in
 * place, the row's lock on PostgreSQL makes concurrent writers of one series wait for each other.
 */
export async function bumpCounter(db: Db, name: string, scope: string): Promise<number | null> {
  const row = await db
    .updateTable('number_sequences')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('name', '=', name)
    .where('scope', '=', scope)
    .returning('last_value')
    .executeTakeFirst();
  return row ? Number(row.last_value) : null;
}

/**
 * Makes a series' counter row at `start`, or bumps it when a concurrent first writer made it meanwhile (both read
 * the same highest; the second waits on the first's row, then bumps it). Answers the counter's value.
 */
export async function startCounter(db: Db, name: string, scope: string, start: number): Promise<number> {
  const row = await db
    .insertInto('number_sequences')
    .values({ name, scope, last_value: start })
    .onConflict((oc) =>
      oc.columns(['name', 'scope']).doUpdateSet((eb) => ({
        last_value: eb(eb.ref('number_sequences.last_value'), '+', 1),
      })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

/** Sets a series' counter (past numbers stored by an import or typed by hand). */
export async function setCounter(db: Db, name: string, scope: string, value: number): Promise<void> {
  await db
    .updateTable('number_sequences')
    .set({ last_value: value })
    .where('name', '=', name)
    .where('scope', '=', scope)
    .execute();
}
