import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { dateType, instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * Membership for life (DOMAIN.md "Membership", "Organisations"): transfers, the yearly registration and
 * evaluation, dues, branch meetings and elections, star rating, and the leaving of members. Rows carry the
 * path of the organisation they belong to, so every query is scoped by a prefix match.
 */
export async function up(db: AnyDb): Promise<void> {
  const date = dateType(db);
  const instant = instantType(db);
  const table = (name: string) =>
    withId(db, db.schema.createTable(name) as CreateTableBuilder<string, never>)
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull());
  const orgRef = (c: Parameters<Parameters<CreateTableBuilder<string, never>['addColumn']>[2] & {}>[0]) =>
    c.notNull().references('orgs.id');
  const personRef = (c: Parameters<Parameters<CreateTableBuilder<string, never>['addColumn']>[2] & {}>[0]) =>
    c.notNull().references('people.id');
  const index = async (name: string, ...columns: string[]) =>
    db.schema
      .createIndex(`${name}_${columns.join('_')}`)
      .on(name)
      .columns(columns)
      .execute();
  const unique = async (name: string, ...columns: string[]) =>
    db.schema
      .createIndex(`${name}_${columns.join('_')}_key`)
      .on(name)
      .columns(columns)
      .unique()
      .execute();

  await table('member_transfers')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_note', 'text')
    .addColumn('initiated_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('from_org_id', 'integer', orgRef)
    .addColumn('from_org_path', 'text', (c) => c.notNull())
    .addColumn('to_org_id', 'integer', orgRef)
    .addColumn('to_org_path', 'text', (c) => c.notNull())
    .addColumn('assigned_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('assigned_org_path', 'text')
    .addColumn('started_on', date, (c) => c.notNull())
    .addColumn('released_on', date)
    .addColumn('decided_on', date)
    .addColumn('decline_reason', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .execute();
  await index('member_transfers', 'from_org_path');
  await index('member_transfers', 'to_org_path');
  await index('member_transfers', 'person_id');
  // The database itself refuses a second transfer in flight for one member (two requests racing included).
  await sql`CREATE UNIQUE INDEX member_transfers_in_flight ON member_transfers (person_id)
    WHERE status IN ('pending_release', 'pending_acceptance')`.execute(db);

  await table('registration_campaigns')
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('starts_on', date, (c) => c.notNull())
    .addColumn('ends_on', date, (c) => c.notNull())
    .execute();
  await unique('registration_campaigns', 'org_id', 'year');
  await index('registration_campaigns', 'org_path');

  await table('member_evaluations')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('registration_campaigns.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', personRef)
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addColumn('meeting_on', date, (c) => c.notNull())
    .execute();
  // A member is evaluated and registered once a year, whichever committee runs the campaign.
  await unique('member_evaluations', 'person_id', 'year');
  await index('member_evaluations', 'campaign_id', 'org_id');
  await index('member_evaluations', 'org_path');

  await table('dues_bases')
    .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('people.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('monthly_income_fen', 'integer')
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .execute();

  await table('dues_payments')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('paid_on', date, (c) => c.notNull())
    .execute();
  await unique('dues_payments', 'person_id', 'month');
  await index('dues_payments', 'org_path');

  await table('branch_meetings')
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', date, (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('expected_count', 'integer', (c) => c.notNull())
    .addColumn('attended_count', 'integer', (c) => c.notNull())
    .execute();
  await index('branch_meetings', 'org_path', 'held_on');

  await db.schema
    .createTable('branch_meeting_attendance')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('branch_meetings.id'))
    .addColumn('person_id', 'integer', personRef)
    .addPrimaryKeyConstraint('branch_meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('branch_meeting_attendance_person')
    .on('branch_meeting_attendance')
    .column('person_id')
    .execute();

  await table('branch_elections')
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('held_on', date, (c) => c.notNull())
    .addColumn('term_years', 'integer', (c) => c.notNull())
    .addColumn('term_ends_on', date, (c) => c.notNull())
    .addColumn('secretary_name', 'text', (c) => c.notNull())
    .addColumn('committee_size', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await index('branch_elections', 'org_path');

  await table('star_checklists')
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('quotas', 'text', (c) => c.notNull())
    .execute();
  await unique('star_checklists', 'org_id', 'year');

  await table('star_ratings')
    .addColumn('checklist_id', 'integer', (c) => c.notNull().references('star_checklists.id'))
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('self_total', 'integer', (c) => c.notNull())
    .addColumn('stars', 'integer')
    .addColumn('reviewed_on', date)
    .addColumn('reviewed_by', 'text')
    .execute();
  await unique('star_ratings', 'checklist_id', 'org_id');
  await index('star_ratings', 'org_path');

  await table('member_departures')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('left_on', date, (c) => c.notNull())
    .addColumn('member_no', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await index('member_departures', 'org_path');
  await index('member_departures', 'person_id');

  await table('lapse_cases')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('org_id', 'integer', orgRef)
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('voted_on', date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_on', date)
    .addColumn('decided_by', 'text')
    .execute();
  await index('lapse_cases', 'org_path');
  await sql`CREATE UNIQUE INDEX lapse_cases_open ON lapse_cases (person_id) WHERE status = 'voted'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
