import type { CreateTableBuilder, Kysely } from 'kysely';
import { dateType, instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * The admission procedure (DOMAIN.md "Admission") over the `admissions` ledger, the league school's
 * teachers, local admission settings, quotas, and the 推优入党 procedure. The ledger's existing columns keep
 * their meaning (the answer sheet reads them); the procedure adds its own.
 */
export async function up(db: AnyDb): Promise<void> {
  const date = dateType(db);
  const instant = instantType(db);
  const table = (name: string) =>
    withId(db, db.schema.createTable(name) as CreateTableBuilder<string, never>)
      .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', (c) => c.notNull());

  for (const [column, type] of [
    ['talk_on', date],
    ['publicity_from', date],
    ['publicity_to', date],
    ['vote_should_attend', 'integer'],
    ['vote_attended', 'integer'],
    ['vote_yes', 'integer'],
    ['member_no', 'text'],
    ['ceremony_on', date],
    ['ended_on', date],
    ['end_reason', 'text'],
  ] as const) {
    await db.schema.alterTable('admissions').addColumn(column, type).execute();
  }

  // 培养联系人 (mentor) and 入团介绍人 (introducer) of an admission.
  await db.schema
    .createTable('admission_sponsors')
    .addColumn('admission_id', 'integer', (c) => c.notNull().references('admissions.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('admission_sponsors_pk', ['admission_id', 'person_id', 'role'])
    .execute();

  // The timeline: each step as it was recorded, by whom.
  await table('admission_events')
    .addColumn('admission_id', 'integer', (c) => c.notNull().references('admissions.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('on_date', date, (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('admission_events_admission_id')
    .on('admission_events')
    .column('admission_id')
    .execute();

  // Local conditions and quotas a county sets for its subtree (DOMAIN.md: configurable, inherited down).
  await table('admission_settings')
    .addColumn('civics_required', 'integer', (c) => c.notNull())
    .addColumn('min_class_hours_tenths', 'integer', (c) => c.notNull())
    .addColumn('min_volunteer_hundredths', 'integer', (c) => c.notNull())
    .addColumn('vote_base', 'text', (c) => c.notNull())
    .addColumn('quota_junior_pct', 'integer', (c) => c.notNull())
    .addColumn('quota_senior_pct', 'integer', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('admission_settings_org_id_key')
    .on('admission_settings')
    .column('org_id')
    .unique()
    .execute();

  // A school's graduating class of a year: its size and the members in it before this year's admissions.
  await table('admission_quotas')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('school_stage', 'text', (c) => c.notNull())
    .addColumn('graduates', 'integer', (c) => c.notNull())
    .addColumn('members_before', 'integer', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('admission_quotas_org_id_year_school_stage_key')
    .on('admission_quotas')
    .columns(['org_id', 'year', 'school_stage'])
    .unique()
    .execute();

  await table('school_teachers')
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  // 推优入党 as a procedure; a passed ballot writes the `party_recommendations` ledger row.
  await table('party_cases')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('party_applied_on', date, (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('screened_on', date, (c) => c.notNull())
    .addColumn('proposed_on', date)
    .addColumn('ballot_on', date)
    .addColumn('ballot_should_attend', 'integer')
    .addColumn('ballot_attended', 'integer')
    .addColumn('ballot_yes', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recommendation_id', 'integer', (c) => c.references('party_recommendations.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_cases_org_path').on('party_cases').column('org_path').execute();
}

export async function down(_db: AnyDb): Promise<void> {
  throw new Error('migrations are forward-only');
}
