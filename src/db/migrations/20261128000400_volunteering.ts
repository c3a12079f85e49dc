import type { Kysely } from 'kysely';
import { dateType, instantType, makeAppendOnly, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * The volunteer service (issue 5). `volunteer_records` stays the one ledger of counted hours: a row lands
 * there only once its hours are confirmed (imported history counts as confirmed by its importer). Sign-ups
 * and check-in/out wait in `volunteer_enrolments`; every version of a record is kept, append-only, in
 * `volunteer_record_revisions`. New tables are scoped through their org or activity (which carry
 * org_path), so an org move needs no rewrite here.
 */
export async function up(db: AnyDb): Promise<void> {
  const date = dateType(db);
  const instant = instantType(db);

  // Per-org defaults: the contact printed on certificates and the rounding rule copied into new activities.
  await db.schema
    .createTable('volunteer_org_settings')
    .addColumn('org_id', 'integer', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('contact', 'text')
    .addColumn('min_minutes', 'integer', (c) => c.notNull())
    .addColumn('min_share_percent', 'integer', (c) => c.notNull())
    .addColumn('rounding_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('volunteer_campaigns'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_on', date, (c) => c.notNull())
    .addColumn('ends_on', date, (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  // Imported activities have none of these: no capacity (null), no recruitment window, the default rule.
  const activityColumns: [string, string, boolean][] = [
    ['campaign_id', 'integer', false],
    ['capacity', 'integer', false],
    ['signup_opens_at', instant, false],
    ['signup_closes_at', instant, false],
    ['description', 'text', false],
    ['contact', 'text', false],
  ];
  for (const [name, type] of activityColumns) {
    await db.schema
      .alterTable('volunteer_activities')
      .addColumn(name, type as 'text')
      .execute();
  }
  for (const [name, fallback] of [
    ['min_minutes', 15],
    ['min_share_percent', 0],
    ['rounding_minutes', 1],
  ] as const) {
    await db.schema
      .alterTable('volunteer_activities')
      .addColumn(name, 'integer', (c) => c.notNull().defaultTo(fallback))
      .execute();
  }

  // The evidence of the current revision; imported rows are 'import', revision 1.
  await db.schema
    .alterTable('volunteer_records')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('import'))
    .execute();
  await db.schema
    .alterTable('volunteer_records')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const name of ['entered_by_user_id', 'confirmed_by_user_id']) {
    await db.schema
      .alterTable('volunteer_records')
      .addColumn(name, 'integer', (c) => c.references('users.id'))
      .execute();
  }
  await db.schema.alterTable('volunteer_records').addColumn('entered_at', instant).execute();
  await db.schema.alterTable('volunteer_records').addColumn('confirmed_at', instant).execute();
  await db.schema.alterTable('volunteer_records').addColumn('reason', 'text').execute();

  await withId(db, db.schema.createTable('volunteer_record_revisions'))
    .addColumn('record_id', 'integer', (c) => c.notNull().references('volunteer_records.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('hours_hundredths', 'integer', (c) => c.notNull())
    .addColumn('checked_in_at', instant)
    .addColumn('checked_out_at', instant)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entered_by_user_id', 'integer')
    .addColumn('entered_at', instant)
    .addColumn('confirmed_by_user_id', 'integer')
    .addColumn('confirmed_at', instant)
    .addColumn('reason', 'text')
    .addColumn('at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_record_revisions_record_id_revision_key')
    .on('volunteer_record_revisions')
    .columns(['record_id', 'revision'])
    .unique()
    .execute();
  await makeAppendOnly(db, 'volunteer_record_revisions');

  // One row per person and activity: the sign-up, then the check-in/out awaiting the organiser's confirmation.
  await withId(db, db.schema.createTable('volunteer_enrolments'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('volunteer_activities.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_up_at', instant, (c) => c.notNull())
    .addColumn('cancelled_at', instant)
    .addColumn('checked_in_at', instant)
    .addColumn('checked_out_at', instant)
    .addColumn('method', 'text')
    .addColumn('entered_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('entered_at', instant)
    .addColumn('reason', 'text')
    .addColumn('hours_hundredths', 'integer')
    .addColumn('decision', 'text')
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', instant)
    .addColumn('record_id', 'integer', (c) => c.references('volunteer_records.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_enrolments_activity_id_person_id_key')
    .on('volunteer_enrolments')
    .columns(['activity_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('volunteer_enrolments_person_id')
    .on('volunteer_enrolments')
    .column('person_id')
    .execute();

  // A young person's own account asks to be linked to a person; an organiser confirms when no match is found.
  await withId(db, db.schema.createTable('volunteer_registrations'))
    .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_registrations_id_number_hash')
    .on('volunteer_registrations')
    .column('id_number_hash')
    .execute();

  // 志愿服务证明: a snapshot of what was certified, so a later correction never changes an issued paper.
  await withId(db, db.schema.createTable('volunteer_certificates'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('volunteer_no', 'text', (c) => c.notNull())
    .addColumn('period_from', date, (c) => c.notNull())
    .addColumn('period_to', date, (c) => c.notNull())
    .addColumn('hours_hundredths', 'integer', (c) => c.notNull())
    .addColumn('activity_count', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('issued_on', date, (c) => c.notNull())
    .addColumn('issued_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_certificates_person_id')
    .on('volunteer_certificates')
    .column('person_id')
    .execute();
}

export async function down(_db: AnyDb): Promise<void> {
  throw new Error('migrations are forward-only');
}
