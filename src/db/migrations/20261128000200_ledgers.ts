import type { CreateTableBuilder, Kysely } from 'kysely';
import { dateType, instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * The ledgers of IMPORT-SPEC.md. Every row carries the path of its organisation (`org_path`), so each
 * query is scoped by a prefix match and the data shards by county (DESIGN.md "Shape").
 * Hours are stored exactly: class hours in tenths, volunteer hours in hundredths; money in fen.
 */
export async function up(db: AnyDb): Promise<void> {
  const date = dateType(db);
  const instant = instantType(db);
  const ledger = (name: string) =>
    withId(db, db.schema.createTable(name) as CreateTableBuilder<string, never>)
      .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull());
  const personRef = (c: Parameters<Parameters<CreateTableBuilder<string, never>['addColumn']>[2] & {}>[0]) =>
    c.notNull().references('people.id');
  const index = async (table: string, ...columns: string[]) =>
    db.schema
      .createIndex(`${table}_${columns.join('_')}`)
      .on(table)
      .columns(columns)
      .execute();
  const unique = async (table: string, ...columns: string[]) =>
    db.schema
      .createIndex(`${table}_${columns.join('_')}_key`)
      .on(table)
      .columns(columns)
      .unique()
      .execute();

  await ledger('cadre_posts')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('started_on', date, (c) => c.notNull())
    .addColumn('ended_on', date)
    .execute();
  await unique('cadre_posts', 'person_id', 'org_id', 'title', 'started_on');
  await index('cadre_posts', 'org_path');

  await ledger('admissions')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('applied_on', date, (c) => c.notNull())
    .addColumn('recommended_by', 'text')
    .addColumn('civics_grade', 'text')
    .addColumn('activist_on', date)
    .addColumn('candidate_on', date)
    .addColumn('branch_vote_on', date)
    .addColumn('approved_on', date)
    .addColumn('joined_on', date)
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await unique('admissions', 'person_id', 'applied_on');
  await index('admissions', 'org_path');

  await ledger('party_recommendations')
    .addColumn('person_id', 'integer', personRef)
    .addColumn('recommended_on', date, (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .execute();
  await unique('party_recommendations', 'person_id', 'recommended_on');
  await index('party_recommendations', 'org_path');

  await ledger('schools')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('honorary_principal', 'text')
    .addColumn('established_on', date)
    .execute();
  await index('schools', 'org_path');

  await ledger('class_sessions')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('school_id', 'integer', (c) => c.references('schools.id'))
    .addColumn('held_on', date, (c) => c.notNull())
    .addColumn('hours_tenths', 'integer', (c) => c.notNull())
    .addColumn('teacher', 'text')
    .addColumn('teacher_kind', 'text')
    .execute();
  await index('class_sessions', 'org_path', 'held_on');

  await ledger('attendance')
    .addColumn('class_session_id', 'integer', (c) => c.notNull().references('class_sessions.id'))
    .addColumn('person_id', 'integer', personRef)
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await unique('attendance', 'class_session_id', 'person_id');
  await index('attendance', 'person_id');

  await ledger('venues')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('opened_on', date)
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await index('venues', 'org_path');

  await ledger('volunteer_activities')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('starts_at', instant, (c) => c.notNull())
    .addColumn('ends_at', instant, (c) => c.notNull())
    .addColumn('start_date', date, (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('place', 'text')
    .execute();
  await index('volunteer_activities', 'org_path', 'start_date');

  await ledger('volunteer_records')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('volunteer_activities.id'))
    .addColumn('person_id', 'integer', personRef)
    .addColumn('hours_hundredths', 'integer', (c) => c.notNull())
    .addColumn('checked_in_at', instant)
    .addColumn('checked_out_at', instant)
    .execute();
  await unique('volunteer_records', 'activity_id', 'person_id');
  await index('volunteer_records', 'person_id');

  await ledger('donations')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('donor', 'text', (c) => c.notNull())
    .addColumn('donor_kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('donated_on', date, (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await index('donations', 'org_path', 'donated_on');

  await ledger('grants')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'integer', personRef)
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('granted_on', date, (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await index('grants', 'org_path', 'granted_on');

  await ledger('counsellors')
    .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('people.id'))
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('certificate_no', 'text', (c) => c.notNull())
    .addColumn('joined_on', date, (c) => c.notNull())
    .addColumn('left_on', date)
    .execute();
  await index('counsellors', 'org_path');

  await ledger('outreach_events')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', date, (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('reach', 'integer', (c) => c.notNull())
    .execute();
  await index('outreach_events', 'org_path', 'held_on');

  await ledger('consultations')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('held_on', date, (c) => c.notNull())
    .addColumn('counsellor_id', 'integer', (c) => c.notNull().references('counsellors.id'))
    .addColumn('client_ref', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('risk', 'text')
    // Encrypted; readable only by the counsellor and the counselling supervisor (DESIGN.md).
    .addColumn('notes_enc', 'text')
    .execute();
  await index('consultations', 'org_path', 'held_on');

  await ledger('internship_posts')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('employer', 'text', (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    .addColumn('starts_on', date, (c) => c.notNull())
    .addColumn('ends_on', date)
    .execute();
  await index('internship_posts', 'org_path', 'starts_on');

  await ledger('internship_placements')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('internship_posts.id'))
    .addColumn('person_id', 'integer', personRef)
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await unique('internship_placements', 'post_id', 'person_id');

  await ledger('funds')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('received_on', date, (c) => c.notNull())
    .addColumn('purpose', 'text')
    .execute();
  await index('funds', 'org_path', 'received_on');
}

export async function down(_db: AnyDb): Promise<void> {
  throw new Error('migrations are forward-only');
}
