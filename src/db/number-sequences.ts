import type { Db } from './create-db.ts';

/** How a series relates to the rows that already carry its numbers. */
export interface Series {
  /** The highest number already used by stored rows (0 if none): where a new counter starts. */
  highest(): Promise<number>;
  /** Whether a number is already used (imported or typed by hand after the counter was made). */
  isTaken(n: number): Promise<boolean>;
}

/**
 * The next number of a series, inside the caller's transaction. The counter row is bumped in place, so on
 * PostgreSQL its row lock makes concurrent writers of one series wait for each other instead of reading the
 * same maximum; and as it rolls back with the transaction, numbers stay gapless. A series seen for the first
 * time starts after the highest number stored; one that has fallen behind rows written by an import or a
 * typed code jumps past them.
 */
export async function nextNumber(db: Db, name: string, scope: string, series: Series): Promise<number> {
  const bumped = await db
    .updateTable('number_sequences')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('name', '=', name)
    .where('scope', '=', scope)
    .returning('last_value')
    .executeTakeFirst();
  let n: number;
  if (bumped) n = Number(bumped.last_value);
  else {
    const start = (await series.highest()) + 1;
    // Two first writers both read the same highest; the second waits on the first's row, then bumps it.
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
    n = Number(row.last_value);
  }
  if (!(await series.isTaken(n))) return n;
  // The row is ours until commit, so nobody else numbers this series meanwhile.
  n = Math.max(n, await series.highest()) + 1;
  await db
    .updateTable('number_sequences')
    .set({ last_value: n })
    .where('name', '=', name)
    .where('scope', '=', scope)
    .execute();
  return n;
}
