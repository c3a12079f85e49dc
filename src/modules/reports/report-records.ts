import type { Db } from '../../db/create-db.ts';
import type { Permission } from '../auth/auth.policy.ts';
import type { AnyQuery, RecordColumn } from './indicator.ts';
import { INDICATORS, type IndicatorKey } from './indicators.ts';
import type { ReportScope } from './report-sources.ts';

export type { RecordColumn } from './indicator.ts';

export interface Listing {
  /** The permission of the list these rows come from: a drill-down shows no more than that list would. */
  permission: Permission;
  columns: RecordColumn[];
  query: (db: Db, s: ReportScope) => AnyQuery;
}

/** What lies behind each figure: its indicator's records over its indicator's source (indicators.ts). */
export const LISTINGS = Object.fromEntries(
  INDICATORS.map((i) => [
    i.key,
    {
      permission: i.records.permission,
      columns: i.records.columns,
      query: (db: Db, s: ReportScope) => i.records.rows(i.source.query(db, s)),
    },
  ]),
) as Record<IndicatorKey, Listing>;

export async function countRecords(db: Db, listing: Listing, s: ReportScope): Promise<number> {
  const row = await db
    .selectFrom(listing.query(db, s).as('r'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findRecords(
  db: Db,
  listing: Listing,
  s: ReportScope,
  limit: number,
  offset: number,
): Promise<Record<string, unknown>[]> {
  return listing.query(db, s).limit(limit).offset(offset).execute();
}
