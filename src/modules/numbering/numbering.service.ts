import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import { nextNumber } from '../../db/number-sequences.ts';
import { findCodesStartingWith, isCodeStored } from './numbering.repository.ts';

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
 * The next code `PREFIX` + running number of a series, from its counter row (src/db/number-sequences.ts), so
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
