import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { VolunteerEnrolmentTable } from '../../db/volunteering-schema.ts';

export async function findEnrolment(db: Db, activityId: number, personId: number) {
  return db
    .selectFrom('volunteer_enrolments')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}
export type EnrolmentRow = Awaited<ReturnType<typeof findEnrolment>> & {};

export async function countSignedUp(db: Db, activityId: number): Promise<number> {
  const row = await db
    .selectFrom('volunteer_enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', '=', activityId)
    .where('status', '=', 'signed_up')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertEnrolment(db: Db, row: Insertable<VolunteerEnrolmentTable>): Promise<number> {
  const { id } = await db
    .insertInto('volunteer_enrolments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates when `guard` still holds; the number of rows changed tells a racing second scan from the first. */
export async function updateEnrolmentIf(
  db: Db,
  id: number,
  changes: Updateable<VolunteerEnrolmentTable>,
  guard: 'not_checked_in' | 'checked_in_not_out' | 'undecided',
): Promise<boolean> {
  let q = db.updateTable('volunteer_enrolments').set(changes).where('id', '=', id);
  if (guard === 'not_checked_in') q = q.where('checked_in_at', 'is', null);
  if (guard === 'checked_in_not_out')
    q = q.where('checked_in_at', 'is not', null).where('checked_out_at', 'is', null);
  q = q.where('decision', 'is', null);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findActivityEnrolments(db: Db, activityId: number) {
  return db
    .selectFrom('volunteer_enrolments as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .leftJoin('users as u', 'u.id', 'e.entered_by_user_id')
    .leftJoin('users as d', 'd.id', 'e.decided_by_user_id')
    .selectAll('e')
    .select([
      'p.name',
      'p.id_number_masked',
      'p.phone',
      'u.display_name as entered_by',
      'd.display_name as decided_by',
    ])
    .where('e.activity_id', '=', activityId)
    .orderBy('e.signed_up_at')
    .orderBy('e.id')
    .execute();
}
export type ActivityEnrolmentRow = Awaited<ReturnType<typeof findActivityEnrolments>>[number];

export async function findEnrolmentsByIds(db: Db, activityId: number, ids: number[]) {
  return db
    .selectFrom('volunteer_enrolments')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('id', 'in', ids)
    .execute();
}

export async function findPersonEnrolments(db: Db, personId: number) {
  return db
    .selectFrom('volunteer_enrolments as e')
    .innerJoin('volunteer_activities as a', 'a.id', 'e.activity_id')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .selectAll('e')
    .select(['a.code', 'a.title', 'a.starts_at', 'a.ends_at', 'a.place', 'o.name as org_name'])
    .where('e.person_id', '=', personId)
    .orderBy('a.starts_at', 'desc')
    .execute();
}
