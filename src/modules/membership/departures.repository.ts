import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { LapseCaseTable, MemberDepartureTable } from '../../db/membership-schema.ts';

/** People of the list who hold a league post on the date (DOMAIN.md: a post keeps a member past 28). */
export async function findPostHolders(db: Db, personIds: number[], on: string): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('cadre_posts')
      .select('person_id')
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .where('started_on', '<=', on)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', on)]))
      .execute();
    for (const r of rows) out.add(r.person_id);
  }
  return out;
}

export async function insertDeparture(db: Db, row: Insertable<MemberDepartureTable>): Promise<void> {
  await db.insertInto('member_departures').values(row).execute();
}

export async function findDeparturesUnder(db: Db, path: string) {
  return db
    .selectFrom('member_departures')
    .innerJoin('people', 'people.id', 'member_departures.person_id')
    .innerJoin('orgs', 'orgs.id', 'member_departures.org_id')
    .select([
      'member_departures.id',
      'member_departures.person_id',
      'member_departures.reason',
      'member_departures.left_on',
      'member_departures.member_no',
      'member_departures.note',
      'people.name',
      'people.birth_date',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where('member_departures.org_path', 'like', `${path}%`)
    .orderBy('member_departures.left_on', 'desc')
    .orderBy('member_departures.id', 'desc')
    .limit(2000)
    .execute();
}

export async function findDeparturesOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('member_departures')
    .innerJoin('orgs', 'orgs.id', 'member_departures.org_id')
    .select([
      'member_departures.reason',
      'member_departures.left_on',
      'member_departures.note',
      'orgs.name as org_name',
    ])
    .where('person_id', '=', personId)
    .execute();
}

/** The latest date of each kind of league life per person since a date: dues, meetings, volunteering. */
export async function findRecentActivity(db: Db, personIds: number[], since: string) {
  const dues = new Map<number, string>();
  const meetings = new Map<number, string>();
  const work = new Map<number, string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const ids = personIds.slice(i, i + 500);
    for (const r of await db
      .selectFrom('dues_payments')
      .select((eb) => ['person_id', eb.fn.max('paid_on').as('last')])
      .where('person_id', 'in', ids)
      .where('paid_on', '>=', since)
      .groupBy('person_id')
      .execute())
      dues.set(r.person_id, String(r.last));
    for (const r of await db
      .selectFrom('branch_meeting_attendance')
      .innerJoin('branch_meetings', 'branch_meetings.id', 'branch_meeting_attendance.meeting_id')
      .select((eb) => [
        'branch_meeting_attendance.person_id',
        eb.fn.max('branch_meetings.held_on').as('last'),
      ])
      .where('branch_meeting_attendance.person_id', 'in', ids)
      // Since 20261205040001 the absent are recorded too: only a meeting attended counts as league life.
      .where('branch_meeting_attendance.present', '=', 1)
      .where('branch_meetings.held_on', '>=', since)
      .groupBy('branch_meeting_attendance.person_id')
      .execute())
      meetings.set(r.person_id, String(r.last));
    for (const r of await db
      .selectFrom('volunteer_records')
      .innerJoin('volunteer_activities', 'volunteer_activities.id', 'volunteer_records.activity_id')
      .select((eb) => [
        'volunteer_records.person_id',
        eb.fn.max('volunteer_activities.start_date').as('last'),
      ])
      .where('volunteer_records.person_id', 'in', ids)
      .where('volunteer_activities.start_date', '>=', since)
      .groupBy('volunteer_records.person_id')
      .execute())
      work.set(r.person_id, String(r.last));
  }
  return { dues, meetings, work };
}

const lapseColumns = [
  'lapse_cases.id',
  'lapse_cases.person_id',
  'lapse_cases.org_id',
  'lapse_cases.org_path',
  'lapse_cases.voted_on',
  'lapse_cases.status',
  'lapse_cases.note',
  'lapse_cases.decided_on',
  'lapse_cases.decided_by',
  'people.name',
  'orgs.code as org_code',
  'orgs.name as org_name',
] as const;

function lapses(db: Db) {
  return db
    .selectFrom('lapse_cases')
    .innerJoin('people', 'people.id', 'lapse_cases.person_id')
    .innerJoin('orgs', 'orgs.id', 'lapse_cases.org_id')
    .select(lapseColumns);
}

export async function findLapseById(db: Db, id: number) {
  return lapses(db).where('lapse_cases.id', '=', id).executeTakeFirst();
}
export type LapseRow = Awaited<ReturnType<typeof findLapseById>> & {};

export async function findLapsesUnder(db: Db, path: string) {
  return lapses(db)
    .where('lapse_cases.org_path', 'like', `${path}%`)
    .orderBy('lapse_cases.id', 'desc')
    .execute();
}

export async function findOpenLapse(db: Db, personId: number) {
  return db
    .selectFrom('lapse_cases')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'voted')
    .executeTakeFirst();
}

export async function insertLapse(db: Db, row: Insertable<LapseCaseTable>): Promise<number> {
  const { id } = await db.insertInto('lapse_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function decideLapse(
  db: Db,
  id: number,
  changes: { status: string; decided_on: string; decided_by: string; updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('lapse_cases')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'voted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
