import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type {
  BranchElectionTable,
  BranchMeetingAttachmentTable,
  BranchMeetingTable,
} from '../../db/membership-schema.ts';

/** The meeting and its roll: every member expected on the day, present or not. */
export async function insertMeeting(
  db: Db,
  row: Insertable<BranchMeetingTable>,
  roll: { personId: number; present: boolean }[],
) {
  const { id } = await db.insertInto('branch_meetings').values(row).returning('id').executeTakeFirstOrThrow();
  if (roll.length > 0)
    await db
      .insertInto('branch_meeting_attendance')
      .values(roll.map((r) => ({ meeting_id: id, person_id: r.personId, present: r.present ? 1 : 0 })))
      .execute();
  return id;
}

const meetingColumns = [
  'branch_meetings.id',
  'branch_meetings.kind',
  'branch_meetings.held_on',
  'branch_meetings.topic',
  'branch_meetings.minutes',
  'branch_meetings.expected_count',
  'branch_meetings.attended_count',
  'branch_meetings.org_path',
  'orgs.code as org_code',
  'orgs.name as org_name',
] as const;

export async function findMeetingsUnder(db: Db, path: string, from: string, to: string) {
  return db
    .selectFrom('branch_meetings')
    .innerJoin('orgs', 'orgs.id', 'branch_meetings.org_id')
    .select(meetingColumns)
    .where('branch_meetings.org_path', 'like', `${path}%`)
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .orderBy('held_on', 'desc')
    .orderBy('branch_meetings.id', 'desc')
    .limit(2000)
    .execute();
}

export async function findMeetingById(db: Db, id: number) {
  return db
    .selectFrom('branch_meetings')
    .innerJoin('orgs', 'orgs.id', 'branch_meetings.org_id')
    .select(meetingColumns)
    .where('branch_meetings.id', '=', id)
    .executeTakeFirst();
}

export async function findAttendees(db: Db, meetingId: number) {
  return db
    .selectFrom('branch_meeting_attendance')
    .innerJoin('people', 'people.id', 'branch_meeting_attendance.person_id')
    .select(['people.id', 'people.name', 'branch_meeting_attendance.present'])
    .where('meeting_id', '=', meetingId)
    .orderBy('people.id')
    .execute();
}

/** Who was expected but absent at the meetings of the subtree in a period (the list's 缺席 column). */
export async function findAbsencesUnder(db: Db, path: string, from: string, to: string) {
  return db
    .selectFrom('branch_meeting_attendance')
    .innerJoin('branch_meetings', 'branch_meetings.id', 'branch_meeting_attendance.meeting_id')
    .innerJoin('people', 'people.id', 'branch_meeting_attendance.person_id')
    .select(['branch_meeting_attendance.meeting_id', 'people.name'])
    .where('branch_meetings.org_path', 'like', `${path}%`)
    .where('branch_meetings.held_on', '>=', from)
    .where('branch_meetings.held_on', '<=', to)
    .where('branch_meeting_attendance.present', '=', 0)
    .orderBy('people.id')
    .execute();
}

export async function insertAttachment(db: Db, row: Insertable<BranchMeetingAttachmentTable>) {
  return (
    await db.insertInto('branch_meeting_attachments').values(row).returning('id').executeTakeFirstOrThrow()
  ).id;
}

const attachmentColumns = [
  'branch_meeting_attachments.id',
  'branch_meeting_attachments.meeting_id',
  'branch_meeting_attachments.org_path',
  'branch_meeting_attachments.file_name',
  'branch_meeting_attachments.original_name',
  'branch_meeting_attachments.mime_type',
  'branch_meeting_attachments.bytes',
] as const;

export async function findAttachmentsUnder(db: Db, path: string, from: string, to: string) {
  return db
    .selectFrom('branch_meeting_attachments')
    .innerJoin('branch_meetings', 'branch_meetings.id', 'branch_meeting_attachments.meeting_id')
    .select(attachmentColumns)
    .where('branch_meetings.org_path', 'like', `${path}%`)
    .where('branch_meetings.held_on', '>=', from)
    .where('branch_meetings.held_on', '<=', to)
    .orderBy('branch_meeting_attachments.id')
    .execute();
}

export async function findAttachmentsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('branch_meeting_attachments')
    .select(attachmentColumns)
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Db, meetingId: number, id: number) {
  return db
    .selectFrom('branch_meeting_attachments')
    .select(attachmentColumns)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findMeetingsOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('branch_meeting_attendance')
    .innerJoin('branch_meetings', 'branch_meetings.id', 'branch_meeting_attendance.meeting_id')
    .innerJoin('orgs', 'orgs.id', 'branch_meetings.org_id')
    .select([
      'branch_meetings.kind',
      'branch_meetings.held_on',
      'branch_meetings.topic',
      'orgs.name as org_name',
    ])
    .where('branch_meeting_attendance.person_id', '=', personId)
    .where('branch_meeting_attendance.present', '=', 1)
    .orderBy('branch_meetings.held_on')
    .execute();
}

export async function insertElection(db: Db, row: Insertable<BranchElectionTable>): Promise<number> {
  const { id } = await db
    .insertInto('branch_elections')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findElectionsUnder(db: Db, path: string) {
  return db
    .selectFrom('branch_elections')
    .innerJoin('orgs', 'orgs.id', 'branch_elections.org_id')
    .select([
      'branch_elections.id',
      'branch_elections.org_id',
      'branch_elections.held_on',
      'branch_elections.term_years',
      'branch_elections.term_ends_on',
      'branch_elections.secretary_name',
      'branch_elections.committee_size',
      'branch_elections.note',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where('branch_elections.org_path', 'like', `${path}%`)
    .orderBy('branch_elections.held_on', 'desc')
    .orderBy('branch_elections.id', 'desc')
    .execute();
}
