import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { VolunteerRecordRevisionTable } from '../../db/volunteering-schema.ts';

export async function findActivityById(db: Db, id: number) {
  return db.selectFrom('volunteer_activities').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ActivityRow = Awaited<ReturnType<typeof findActivityById>> & {};

export async function findRecordById(db: Db, id: number) {
  return db.selectFrom('volunteer_records').selectAll().where('id', '=', id).executeTakeFirst();
}
export type RecordRow = Awaited<ReturnType<typeof findRecordById>> & {};

export async function findRecordFor(db: Db, activityId: number, personId: number) {
  return db
    .selectFrom('volunteer_records')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertRevision(db: Db, row: Insertable<VolunteerRecordRevisionTable>): Promise<void> {
  await db.insertInto('volunteer_record_revisions').values(row).execute();
}

export async function findRevisions(db: Db, recordId: number) {
  return db
    .selectFrom('volunteer_record_revisions as r')
    .leftJoin('users as e', 'e.id', 'r.entered_by_user_id')
    .leftJoin('users as c', 'c.id', 'r.confirmed_by_user_id')
    .selectAll('r')
    .select(['e.display_name as entered_by', 'c.display_name as confirmed_by'])
    .where('r.record_id', '=', recordId)
    .orderBy('r.revision')
    .execute();
}

/** A person's counted records with their evidence, by the activity's local start date. */
/** A person's confirmed records in the period; with `underPath`, only of activities organised in that subtree. */
export async function findPersonRecords(
  db: Db,
  personId: number,
  from: string,
  to: string,
  underPath?: string,
) {
  let q = db
    .selectFrom('volunteer_records as r')
    .innerJoin('volunteer_activities as a', 'a.id', 'r.activity_id')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('users as e', 'e.id', 'r.entered_by_user_id')
    .leftJoin('users as c', 'c.id', 'r.confirmed_by_user_id')
    .select([
      'r.id',
      'r.activity_id',
      'r.person_id',
      'r.hours_hundredths',
      'r.checked_in_at',
      'r.checked_out_at',
      'r.source',
      'r.revision',
      'r.entered_at',
      'r.confirmed_at',
      'r.reason',
      'r.org_path',
      'a.code as activity_code',
      'a.title as activity_title',
      'a.category',
      'a.start_date',
      'a.starts_at',
      'a.ends_at',
      'a.contact',
      'o.name as org_name',
      'e.display_name as entered_by',
      'c.display_name as confirmed_by',
    ])
    .where('r.person_id', '=', personId)
    .where('a.start_date', '>=', from)
    .where('a.start_date', '<=', to);
  if (underPath) q = q.where('r.org_path', 'like', `${underPath}%`);
  return q.orderBy('a.start_date').orderBy('r.id').execute();
}
export type PersonRecordRow = Awaited<ReturnType<typeof findPersonRecords>>[number];
