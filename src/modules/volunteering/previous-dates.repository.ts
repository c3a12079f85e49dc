import { type RawBuilder, sql } from 'kysely';
import { type Db, dialect } from '../../db/create-db.ts';

/**
 * 志愿者 (REPORT-SPEC.md volunteer.volunteers) is the number of distinct persons among a scope's records of a
 * period. A province's count(distinct) sorted 2.34 M person ids, 1.26 s of the sheet (issue 14). Each record keeps
 * instead, for each depth k of the org tree, `prev_date_k`: the start date of the same person's previous record
 * (by activity start date, then record id) under the same depth-k org as this record's activity. A person then
 * has a record in [from, to] under a depth-k org exactly once as a record whose prev_date_k is null or before
 * `from` (the first of his records in the period: the one before it, if any, is not in the period and not after
 * it), so the distinct count becomes a plain count. Same-day ties need no tie-break: two records of one day are
 * both in the period or both out of it.
 *
 * Scopes deeper than PREVIOUS_DATE_DEPTHS fall back to count(distinct), which is cheap that far down.
 */
export const PREVIOUS_DATE_DEPTHS = 6;

export const DEPTHS = Array.from({ length: PREVIOUS_DATE_DEPTHS }, (_, i) => i + 1);

export const previousDateColumn = (depth: number) => `prev_date_${depth}` as const;

/** Whose records to recompute: persons, the persons with a record at some activities, or under an org path. */
export type Affected =
  | { personIds: readonly number[] }
  | { activityIds: readonly number[] }
  | { underPath: string }
  | 'everyone';

/** How many person ids one statement takes (PostgreSQL binds at most 65,535 parameters, SQLite 32,766). */
const CHUNK = 5_000;

/**
 * The id of the depth-`depth` org on a path (`/1/5/23/`, depth 2: '5'), null when the path is shallower.
 * An org id names one subtree, so it partitions as well as the path prefix would.
 */
function segment(db: Db, path: RawBuilder<string>, depth: number) {
  return dialect(db) === 'postgres'
    ? sql<string | null>`nullif(split_part(${path}, '/', ${sql.lit(depth + 1)}), '')`
    : sql<
        string | null
      >`json_extract('["' || replace(substr(${path}, 2, length(${path}) - 2), '/', '","') || '"]', ${sql.lit(`$[${depth - 1}]`)})`;
}

/**
 * Recomputes prev_date_1…N of every record of the affected persons (all their records: a record added, or an
 * activity moved in date or org, changes the previous record of others). Rows whose values are unchanged are not
 * written. On PostgreSQL the persons are locked first (FOR NO KEY UPDATE, which a record's foreign key check does
 * not wait for) so that two transactions adding records of one person recompute one after the other, the second
 * seeing the first's record.
 */
export async function refreshPreviousDates(db: Db, affected: Affected): Promise<void> {
  if (affected !== 'everyone' && 'personIds' in affected) {
    const ids = [...new Set(affected.personIds)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += CHUNK) await refresh(db, sql.join(ids.slice(i, i + CHUNK)));
    return;
  }
  if (affected === 'everyone') return refresh(db, null);
  const persons =
    'activityIds' in affected
      ? db
          .selectFrom('volunteer_records')
          .select('person_id')
          .where('activity_id', 'in', affected.activityIds.length ? [...affected.activityIds] : [0])
      : db
          .selectFrom('volunteer_records')
          .innerJoin('volunteer_activities', 'volunteer_activities.id', 'volunteer_records.activity_id')
          .select('volunteer_records.person_id')
          .where('volunteer_activities.org_path', 'like', `${affected.underPath}%`);
  return refresh(db, sql`${persons}`);
}

async function refresh(db: Db, persons: RawBuilder<unknown> | null) {
  const only = persons ? sql`where v.person_id in (${persons})` : sql``;
  // Also on the updated side, else PostgreSQL joined the few recomputed rows to all records by a full scan.
  const onlyUpdated = persons ? sql`and r.person_id in (${persons})` : sql``;
  if (persons && dialect(db) === 'postgres')
    await sql`select id from people where id in (${persons}) order by id for no key update`.execute(db);
  const path = sql<string>`a.org_path`;
  const set = sql.join(DEPTHS.map((k) => sql`${sql.ref(previousDateColumn(k))} = f.p${sql.raw(String(k))}`));
  const segments = sql.join(DEPTHS.map((k) => sql`${segment(db, path, k)} as s${sql.raw(String(k))}`));
  const lags = sql.join(
    DEPTHS.map((k) => {
      const s = sql.raw(`s${k}`);
      return sql`case when ${s} is null then null else lag(x.d) over (partition by x.person_id, ${s} order by x.d, x.id) end as p${sql.raw(String(k))}`;
    }),
  );
  const changed = sql.join(
    DEPTHS.map((k) => sql`r.${sql.ref(previousDateColumn(k))} is distinct from f.p${sql.raw(String(k))}`),
    sql` or `,
  );
  await sql`update volunteer_records as r set ${set}
    from (
      select x.id, ${lags}
      from (
        select v.id, v.person_id, a.start_date as d, ${segments}
        from volunteer_records v inner join volunteer_activities a on a.id = v.activity_id
        ${only}
      ) as x
    ) as f
    where r.id = f.id ${onlyUpdated} and (${changed})`.execute(db);
}
