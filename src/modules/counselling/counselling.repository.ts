import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { ConsultationTable, CounsellorTable, OutreachEventTable } from '../../db/ledger-schema.ts';
import { type ReportScope, sources } from '../reports/report-sources.ts';

/** Counsellors active at the end of the scope's period: the rows behind the report's mental.counsellors. */
export function findActiveCounsellors(db: Db, s: ReportScope) {
  return sources
    .activeCounsellors(db, s)
    .innerJoin('people', 'people.id', 'counsellors.person_id')
    .innerJoin('orgs', 'orgs.id', 'counsellors.org_id')
    .select([
      'counsellors.id',
      'counsellors.certificate',
      'counsellors.certificate_no',
      'counsellors.joined_on',
      'counsellors.left_on',
      'counsellors.org_path',
      'people.name as person_name',
      'people.id_number_masked',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .orderBy('counsellors.joined_on')
    .orderBy('counsellors.id');
}

export async function findCounsellor(db: Db, id: number) {
  return db
    .selectFrom('counsellors')
    .innerJoin('people', 'people.id', 'counsellors.person_id')
    .select(['counsellors.id', 'counsellors.person_id', 'counsellors.org_path', 'people.name as person_name'])
    .where('counsellors.id', '=', id)
    .executeTakeFirst();
}

export async function findCounsellorOfPerson(db: Db, personId: number) {
  return db.selectFrom('counsellors').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function insertCounsellor(db: Db, row: Insertable<CounsellorTable>): Promise<number> {
  const r = await db.insertInto('counsellors').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCounsellor(db: Db, id: number, changes: Updateable<CounsellorTable>) {
  await db.updateTable('counsellors').set(changes).where('id', '=', id).execute();
}

export function findOutreachEvents(db: Db, s: ReportScope) {
  return sources
    .outreachEvents(db, s)
    .innerJoin('regions', 'regions.id', 'outreach_events.region_id')
    .innerJoin('orgs', 'orgs.id', 'outreach_events.org_id')
    .select([
      'outreach_events.id',
      'outreach_events.code',
      'outreach_events.title',
      'outreach_events.held_on',
      'outreach_events.reach',
      'regions.code as region_code',
      'regions.name as region_name',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .orderBy('outreach_events.held_on')
    .orderBy('outreach_events.id');
}

export async function insertOutreachEvent(db: Db, row: Insertable<OutreachEventTable>): Promise<number> {
  const r = await db.insertInto('outreach_events').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Consultations in the scope and period, WITHOUT their notes: the column is never selected here, so no list,
 * statistic or export can carry it.
 */
export function findConsultations(db: Db, s: ReportScope) {
  return sources
    .consultations(db, s)
    .innerJoin('counsellors', 'counsellors.id', 'consultations.counsellor_id')
    .innerJoin('people', 'people.id', 'counsellors.person_id')
    .innerJoin('orgs', 'orgs.id', 'consultations.org_id')
    .select([
      'consultations.id',
      'consultations.code',
      'consultations.held_on',
      'consultations.client_ref',
      'consultations.channel',
      'consultations.risk',
      'consultations.followed_up_on',
      'consultations.referred_on',
      'consultations.counsellor_id',
      'consultations.org_path',
      'people.name as counsellor_name',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ]);
}

export type ConsultationRow = Awaited<ReturnType<ReturnType<typeof findConsultations>['execute']>>[number];

/** One consultation with its sealed notes and its counsellor's person: only the notes policy may open them. */
export async function findConsultationWithNotes(db: Db, id: number) {
  return db
    .selectFrom('consultations')
    .innerJoin('counsellors', 'counsellors.id', 'consultations.counsellor_id')
    .select([
      'consultations.id',
      'consultations.code',
      'consultations.org_path',
      'consultations.notes_enc',
      'counsellors.person_id as counsellor_person_id',
    ])
    .where('consultations.id', '=', id)
    .executeTakeFirst();
}

export async function insertConsultation(db: Db, row: Insertable<ConsultationTable>): Promise<number> {
  const r = await db.insertInto('consultations').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateConsultation(db: Db, id: number, changes: Updateable<ConsultationTable>) {
  await db.updateTable('consultations').set(changes).where('id', '=', id).execute();
}
