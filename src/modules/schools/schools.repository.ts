import { type Insertable, sql } from 'kysely';
import type { SchoolTeacherTable } from '../../db/admission-schema.ts';
import type { Db } from '../../db/create-db.ts';
import type { ClassSessionTable, SchoolTable } from '../../db/ledger-schema.ts';

/** Scope of the league school's records: the actor's subtree, plus classes held above it (open to branches below). */
const within = (column: string, path: string) => sql<boolean>`${sql.ref(column)} like ${`${path}%`}`;
const aboveOrWithin = (column: string, path: string) =>
  sql<boolean>`(${sql.ref(column)} like ${`${path}%`} or ${path} like ${sql.ref(column)} || '%')`;

export async function findSchools(db: Db, path: string) {
  return db
    .selectFrom('schools')
    .innerJoin('orgs', 'orgs.id', 'schools.org_id')
    .select([
      'schools.id',
      'schools.code',
      'schools.name',
      'schools.honorary_principal',
      'schools.established_on',
      'schools.org_path',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where(within('schools.org_path', path))
    .orderBy('schools.code')
    .execute();
}

export async function findSchoolByCode(db: Db, code: string) {
  return db
    .selectFrom('schools')
    .innerJoin('orgs', 'orgs.id', 'schools.org_id')
    .selectAll('schools')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .where('schools.code', '=', code)
    .executeTakeFirst();
}

export async function insertSchool(db: Db, row: Insertable<SchoolTable>): Promise<number> {
  const { id } = await db.insertInto('schools').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateSchool(
  db: Db,
  id: number,
  changes: { honorary_principal?: string | null; name?: string; updated_at: string },
) {
  await db.updateTable('schools').set(changes).where('id', '=', id).execute();
}

export async function findTeachers(db: Db, schoolId: number) {
  return db
    .selectFrom('school_teachers')
    .select(['id', 'name', 'kind'])
    .where('school_id', '=', schoolId)
    .orderBy('id')
    .execute();
}

export async function insertTeacher(db: Db, row: Insertable<SchoolTeacherTable>): Promise<void> {
  await db.insertInto('school_teachers').values(row).execute();
}

export async function findClasses(db: Db, path: string, limit = 500) {
  return db
    .selectFrom('class_sessions')
    .innerJoin('orgs', 'orgs.id', 'class_sessions.org_id')
    .leftJoin('schools', 'schools.id', 'class_sessions.school_id')
    .select((eb) => [
      'class_sessions.id',
      'class_sessions.code',
      'class_sessions.title',
      'class_sessions.held_on',
      'class_sessions.hours_tenths',
      'class_sessions.teacher',
      'class_sessions.teacher_kind',
      'class_sessions.org_path',
      'orgs.code as org_code',
      'orgs.name as org_name',
      'schools.code as school_code',
      'schools.name as school_name',
      eb
        .selectFrom('attendance')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('attendance.class_session_id', '=', 'class_sessions.id')
        .as('attendees'),
    ])
    .where(aboveOrWithin('class_sessions.org_path', path))
    .orderBy('class_sessions.held_on', 'desc')
    .orderBy('class_sessions.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findClassByCode(db: Db, code: string) {
  return db
    .selectFrom('class_sessions')
    .innerJoin('orgs', 'orgs.id', 'class_sessions.org_id')
    .leftJoin('schools', 'schools.id', 'class_sessions.school_id')
    .selectAll('class_sessions')
    .select([
      'orgs.code as org_code',
      'orgs.name as org_name',
      'schools.code as school_code',
      'schools.name as school_name',
    ])
    .where('class_sessions.code', '=', code)
    .executeTakeFirst();
}

export async function insertClass(db: Db, row: Insertable<ClassSessionTable>): Promise<number> {
  const { id } = await db.insertInto('class_sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The attendance of a class, limited to people the reader may see. */
export async function findAttendance(db: Db, classId: number, personScope: string) {
  return db
    .selectFrom('attendance')
    .innerJoin('people', 'people.id', 'attendance.person_id')
    .select(['attendance.person_id', 'attendance.result', 'people.name', 'people.id_number_masked'])
    .where('attendance.class_session_id', '=', classId)
    .where(within('people.scope_path', personScope))
    .orderBy('people.name')
    .execute();
}

export async function upsertAttendance(
  db: Db,
  row: {
    class_session_id: number;
    person_id: number;
    org_id: number;
    org_path: string;
    result: string;
    now: string;
  },
): Promise<void> {
  const { now, ...values } = row;
  await db
    .insertInto('attendance')
    .values({ ...values, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['class_session_id', 'person_id']).doUpdateSet({ result: row.result, updated_at: now }),
    )
    .execute();
}

/** A person's 团课 attendance up to a date, with each class (the records behind his 学时). */
export async function attendanceOf(db: Db, personId: number, upTo: string) {
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('class_sessions', 'class_sessions.id', 'attendance.class_session_id')
    .select([
      'class_sessions.code',
      'class_sessions.title',
      'class_sessions.held_on',
      'class_sessions.hours_tenths',
      'attendance.result',
    ])
    .where('attendance.person_id', '=', personId)
    .where('class_sessions.held_on', '<=', upTo)
    .orderBy('class_sessions.held_on')
    .execute();
  return rows.map((r) => ({ ...r, hours_tenths: Number(r.hours_tenths) }));
}

/** Every attendance of the people of a subtree, with its class (the league school's register). */
export async function findAttendanceRegister(db: Db, personScope: string) {
  return db
    .selectFrom('attendance')
    .innerJoin('class_sessions', 'class_sessions.id', 'attendance.class_session_id')
    .innerJoin('people', 'people.id', 'attendance.person_id')
    .select([
      'class_sessions.code',
      'class_sessions.title',
      'class_sessions.held_on',
      'class_sessions.hours_tenths',
      'people.name',
      'people.id_number_masked',
      'attendance.result',
    ])
    .where(within('people.scope_path', personScope))
    .orderBy('class_sessions.held_on')
    .orderBy('class_sessions.code')
    .orderBy('people.name')
    .limit(100_000)
    .execute();
}
