import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import {
  bumpCounter,
  findCodesStartingWith,
  isCodeStored,
  setCounter,
  startCounter,
} from './numbering.repository.ts';

/**
 * The codes of records made in the platform rather than imported (`PREFIX0001`, receipt numbers). This file is
 * the numbering module's public face; the ledgers (aid, counselling, funds, internships, venues) number through it.
 */

/** Whether a ledger table already holds a record with this code: a code typed by hand must not clash. */
export async function isLedgerCodeTaken(db: Db, table: LedgerTableName, code: string): Promise<boolean> {
  return isCodeStored(db, table, code);
}

/** The next code `PREFIX0001` of a ledger table, for a record made in the platform rather than imported. */
export async function nextLedgerCode(
  db: Db,
  table: LedgerTableName,
  prefix: string,
  width = 4,
): Promise<string> {
  return nextCodeOf(db, table, prefix, width, {
    used: () => findCodesStartingWith(db, table, prefix),
    isTaken: (code) => isCodeStored(db, table, code),
  });
}

/**
 * The next code `PREFIX` + running number of a series, from its counter row (nextNumber), so
 * concurrent writers neither collide nor leave gaps. A new series starts after the highest code stored; codes
 * imported or typed by hand since are skipped.
 */
export async function nextCodeOf(
  db: Db,
  series: string,
  prefix: string,
  width: number,
  stored: { used(): Promise<string[]>; isTaken(code: string): Promise<boolean> },
): Promise<string> {
  const format = (n: number) => `${prefix}${String(n).padStart(width, '0')}`;
  const n = await nextNumber(db, series, prefix, {
    highest: async () => highestSerial(prefix, await stored.used()),
    isTaken: (candidate) => stored.isTaken(format(candidate)),
  });
  return format(n);
}

/** The highest running number among codes `PREFIX<digits>` (others are not the platform's numbering). */
export function highestSerial(prefix: string, used: string[]): number {
  let n = 0;
  for (const code of used) {
    const m = code.startsWith(prefix) ? /^\d+$/.exec(code.slice(prefix.length)) : null;
    if (m) n = Math.max(n, Number(m[0]));
  }
  return n;
}

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
  let n =
    (await bumpCounter(db, name, scope)) ??
    (await startCounter(db, name, scope, (await series.highest()) + 1));
  if (!(await series.isTaken(n))) return n;
  // The row is ours until commit, so nobody else numbers this series meanwhile.
  n = Math.max(n, await series.highest()) + 1;
  await setCounter(db, name, scope, n);
  return n;
}
