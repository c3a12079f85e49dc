import { type Kysely, sql } from 'kysely';
import { dateType, isPostgres } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

const DEPTHS = [1, 2, 3, 4, 5, 6];

/**
 * Issue 14: the province's 志愿者 figure was a count(distinct person_id) over 3.5 M records, 1.26 s of its answer
 * sheet. Each volunteer record gets prev_date_1…6: the start date of the same person's previous record (by
 * activity start date, then record id) under the same depth-k org as this record's activity, so that the distinct
 * count becomes a count of records whose prev_date_k is null or before the period
 * (src/modules/volunteering/previous-dates.repository.ts keeps them; this fills them for the records there are).
 * The SQL is that file's, frozen here as the schema stands now.
 */
const COVERING = ['activity_id', 'person_id', 'hours_hundredths'];

export async function up(db: AnyDb): Promise<void> {
  // The report reads a scope's records from an index alone (migration 20261203000800); the figure now reads the
  // previous dates too, so they join that index, made after the backfill rather than updated by it.
  await db.schema.dropIndex('volunteer_records_activity_person_hours').ifExists().execute();
  for (const k of DEPTHS)
    await db.schema.alterTable('volunteer_records').addColumn(`prev_date_${k}`, dateType(db)).execute();
  await backfill(db);
  await db.schema
    .createIndex('volunteer_records_activity_person_hours_prev')
    .on('volunteer_records')
    .columns([...COVERING, ...DEPTHS.map((k) => `prev_date_${k}`)])
    .execute();
}

/** Fills the columns of every record (still null: the first record of a person under an org stays null). */
export async function backfill(db: AnyDb): Promise<void> {
  // Depths no activity reaches stay null, and each depth is a sort of every record: skip them.
  const { deepest } = await db
    .selectFrom('volunteer_activities')
    .select(sql<number>`max(length(org_path) - length(replace(org_path, '/', '')) - 1)`.as('deepest'))
    .executeTakeFirstOrThrow();
  const depths = DEPTHS.filter((k) => k <= Number(deepest ?? 0));
  if (depths.length === 0) return;
  // Six sorts of a province's 3.5 M records spill to disk with the default 4 MB (this transaction only).
  if (isPostgres(db)) await sql`set local work_mem = '256MB'`.execute(db);
  const segment = (k: number) =>
    isPostgres(db)
      ? sql`nullif(split_part(a.org_path, '/', ${sql.lit(k + 1)}), '')`
      : sql`json_extract('["' || replace(substr(a.org_path, 2, length(a.org_path) - 2), '/', '","') || '"]', ${sql.lit(`$[${k - 1}]`)})`;
  const join = (parts: ReturnType<typeof sql>[]) => sql.join(parts);
  await sql`update volunteer_records as r set ${join(depths.map((k) => sql.raw(`prev_date_${k} = f.p${k}`)))}
    from (
      select x.id, ${join(
        depths.map((k) =>
          sql.raw(`case when x.s${k} is null then null
              else lag(x.d) over (partition by x.person_id, x.s${k} order by x.d, x.id) end as p${k}`),
        ),
      )}
      from (
        select v.id, v.person_id, a.start_date as d, ${join(depths.map((k) => sql`${segment(k)} as ${sql.raw(`s${k}`)}`))}
        from volunteer_records v inner join volunteer_activities a on a.id = v.activity_id
      ) as x
    ) as f
    where r.id = f.id and (${sql.join(
      depths.map((k) => sql.raw(`f.p${k} is not null`)),
      sql` or `,
    )})`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  // SQLite drops no column an index names.
  await db.schema.dropIndex('volunteer_records_activity_person_hours_prev').ifExists().execute();
  for (const k of DEPTHS)
    await db.schema.alterTable('volunteer_records').dropColumn(`prev_date_${k}`).execute();
  await db.schema
    .createIndex('volunteer_records_activity_person_hours')
    .on('volunteer_records')
    .columns(COVERING)
    .execute();
}
