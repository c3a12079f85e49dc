import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect-helpers.ts';

/**
 * Issue 14: the county answer sheet took ~4× as long on PostgreSQL as on SQLite. EXPLAIN ANALYZE on the
 * bench city (bench/report.ts) showed why:
 *
 * - A subtree is `org_path like '/1/2/%'` on PostgreSQL, and a plain B-tree index serves `like` only under the
 *   C collation (PostgreSQL 15 does not count C.UTF-8, nor en_US.UTF-8, as one): every such filter read its
 *   whole table, all counties. `text_pattern_ops` indexes turn the prefix into an index range in any
 *   collation. (SQLite already asks for the range `>= '/1/2/' and < '/1/20'`, see report-sources.ts inScope.)
 * - The volunteer figures join a county's ~500 activities to their records; each record probe had to visit
 *   the table for person and hours, so the planner read all 350,000 records instead. With both in the index
 *   the probe is index-only (on SQLite too).
 * - `member.total` goes from the subtree's orgs to their people by org_id and then filtered on 政治面貌 in
 *   the table; with it in the index, index-only as well.
 */
const PATTERN_INDEXES: [table: string, path: string, date?: string][] = [
  ['orgs', 'path'],
  ['regions', 'path'],
  ['admissions', 'org_path'],
  ['party_recommendations', 'org_path', 'recommended_on'],
  ['schools', 'org_path'],
  ['class_sessions', 'org_path', 'held_on'],
  ['cadre_posts', 'org_path'],
  ['funds', 'org_path', 'received_on'],
  ['donations', 'org_path', 'donated_on'],
  ['grants', 'org_path', 'granted_on'],
  ['counsellors', 'org_path'],
  ['outreach_events', 'org_path', 'held_on'],
  ['consultations', 'org_path', 'held_on'],
  ['venues', 'org_path'],
  ['internship_posts', 'org_path', 'starts_on'],
  ['volunteer_activities', 'org_path', 'start_date'],
];

const patternIndexName = (table: string, path: string) => `${table}_${path}_pattern`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('volunteer_records_activity_person_hours')
    .on('volunteer_records')
    .columns(['activity_id', 'person_id', 'hours_hundredths'])
    .execute();
  await db.schema
    .createIndex('people_org_political_status')
    .on('people')
    .columns(['org_id', 'political_status'])
    .execute();
  if (!isPostgres(db)) return;
  for (const [table, path, date] of PATTERN_INDEXES) {
    const columns = date
      ? sql`${sql.ref(path)} text_pattern_ops, ${sql.ref(date)}`
      : sql`${sql.ref(path)} text_pattern_ops`;
    await sql`create index ${sql.id(patternIndexName(table, path))} on ${sql.table(table)} (${columns})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db))
    for (const [table, path] of PATTERN_INDEXES)
      await db.schema.dropIndex(patternIndexName(table, path)).ifExists().execute();
  await db.schema.dropIndex('people_org_political_status').ifExists().execute();
  await db.schema.dropIndex('volunteer_records_activity_person_hours').ifExists().execute();
}
