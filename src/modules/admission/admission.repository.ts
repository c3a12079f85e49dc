import { type Insertable, sql, type Updateable } from 'kysely';
import type { AdmissionEventTable } from '../../db/admission-schema.ts';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';

type AdmissionUpdate = Updateable<Database['admissions']>;

const columns = [
  'admissions.id',
  'admissions.person_id',
  'admissions.org_id',
  'admissions.org_path',
  'admissions.applied_on',
  'admissions.recommended_by',
  'admissions.civics_grade',
  'admissions.talk_on',
  'admissions.activist_on',
  'admissions.candidate_on',
  'admissions.publicity_from',
  'admissions.publicity_to',
  'admissions.branch_vote_on',
  'admissions.vote_should_attend',
  'admissions.vote_attended',
  'admissions.vote_yes',
  'admissions.approved_on',
  'admissions.joined_on',
  'admissions.member_no',
  'admissions.ceremony_on',
  'admissions.ended_on',
  'admissions.end_reason',
  'admissions.status',
  'people.name as person_name',
  'people.id_number_masked',
  'people.id_number_enc',
  'people.birth_date',
  'people.gender',
  'people.political_status',
  'people.scope_path as person_scope_path',
  'orgs.code as org_code',
  'orgs.name as org_name',
  'orgs.kind as org_kind',
] as const;

function base(db: Db) {
  return db
    .selectFrom('admissions')
    .innerJoin('people', 'people.id', 'admissions.person_id')
    .innerJoin('orgs', 'orgs.id', 'admissions.org_id');
}

export type AdmissionRow = Awaited<ReturnType<typeof findAdmissionById>> & {};

export async function findAdmissionById(db: Db, id: number) {
  return base(db).select(columns).where('admissions.id', '=', id).executeTakeFirst();
}

export interface AdmissionFilter {
  orgPath: string;
  status?: string;
}

export async function findAdmissions(db: Db, f: AdmissionFilter, limit = 5000) {
  let q = base(db)
    .select(columns)
    .where(sql<boolean>`admissions.org_path like ${`${f.orgPath}%`}`);
  if (f.status) q = q.where('admissions.status', '=', f.status);
  return q.orderBy('admissions.applied_on', 'desc').orderBy('admissions.id', 'desc').limit(limit).execute();
}

/** Open paths of a person (not yet admitted, rejected or withdrawn). */
export async function findOpenAdmissionOf(db: Db, personId: number) {
  return db
    .selectFrom('admissions')
    .select(['id', 'status'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['applied', 'activist', 'candidate'])
    .executeTakeFirst();
}

export async function insertAdmission(db: Db, row: Insertable<Database['admissions']>): Promise<number> {
  const { id } = await db.insertInto('admissions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAdmission(db: Db, id: number, changes: AdmissionUpdate): Promise<void> {
  await db.updateTable('admissions').set(changes).where('id', '=', id).execute();
}

export async function insertAdmissionEvent(db: Db, row: Insertable<AdmissionEventTable>): Promise<void> {
  await db.insertInto('admission_events').values(row).execute();
}

/** The last step recorded on each of these paths (for whether a vote is still its last word). */
export async function findLastSteps(db: Db, admissionIds: number[]): Promise<Map<number, string>> {
  if (admissionIds.length === 0) return new Map();
  const last = db
    .selectFrom('admission_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('admission_id', 'in', admissionIds)
    .groupBy('admission_id');
  const rows = await db
    .selectFrom('admission_events')
    .select(['admission_id', 'step'])
    .where('id', 'in', last)
    .execute();
  return new Map(rows.map((r) => [r.admission_id, r.step]));
}

export async function findAdmissionEvents(db: Db, admissionId: number) {
  return db
    .selectFrom('admission_events')
    .select(['step', 'on_date', 'username', 'note', 'created_at'])
    .where('admission_id', '=', admissionId)
    .orderBy('id')
    .execute();
}

export async function replaceSponsors(
  db: Db,
  admissionId: number,
  role: 'mentor' | 'introducer',
  personIds: number[],
): Promise<void> {
  await db
    .deleteFrom('admission_sponsors')
    .where('admission_id', '=', admissionId)
    .where('role', '=', role)
    .execute();
  if (personIds.length === 0) return;
  await db
    .insertInto('admission_sponsors')
    .values(personIds.map((person_id) => ({ admission_id: admissionId, person_id, role })))
    .execute();
}

export async function findSponsors(db: Db, admissionId: number) {
  return db
    .selectFrom('admission_sponsors')
    .innerJoin('people', 'people.id', 'admission_sponsors.person_id')
    .select([
      'admission_sponsors.role',
      'people.id',
      'people.name',
      'people.id_number_masked',
      'people.political_status',
    ])
    .where('admission_sponsors.admission_id', '=', admissionId)
    .orderBy('people.id')
    .execute();
}

/** The highest 团员编号 already given for a year, among people and admissions. */
export async function maxMemberNoOfYear(db: Db, year: string): Promise<string | null> {
  const [a, b] = await Promise.all([
    db
      .selectFrom('people')
      .select((eb) => eb.fn.max('member_no').as('n'))
      .where('member_no', 'like', `${year}%`)
      .executeTakeFirst(),
    db
      .selectFrom('admissions')
      .select((eb) => eb.fn.max('member_no').as('n'))
      .where('member_no', 'like', `${year}%`)
      .executeTakeFirst(),
  ]);
  const all = [a?.n, b?.n].filter((n): n is string => typeof n === 'string' && /^\d{12}$/.test(n));
  return all.sort().at(-1) ?? null;
}

/** Whether a 团员编号 is held by anyone already (a person imported with it, or an admission). */
export async function isMemberNoTaken(db: Db, memberNo: string): Promise<boolean> {
  const [person, admission] = await Promise.all([
    db.selectFrom('people').select('id').where('member_no', '=', memberNo).executeTakeFirst(),
    db.selectFrom('admissions').select('id').where('member_no', '=', memberNo).executeTakeFirst(),
  ]);
  return Boolean(person || admission);
}

/** Admissions approved in a year under an org (for the quota of that org's graduating class). */
export async function countAdmittedInYear(db: Db, orgPath: string, year: number): Promise<number> {
  const { n } = await db
    .selectFrom('admissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`org_path like ${`${orgPath}%`}`)
    .where('status', '=', 'admitted')
    .where('joined_on', '>=', `${year}-01-01`)
    .where('joined_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * The 支部大会 that voted on admissions in the subtree within a period: passed votes (branch_vote_on, whether still
 * awaiting approval or admitted) and failed ones (ended as 未通过 with a tally), one row per admission.
 */
export async function findBranchVotes(db: Db, path: string, from: string, to: string) {
  const base = db
    .selectFrom('admissions')
    .innerJoin('orgs', 'orgs.id', 'admissions.org_id')
    .where('admissions.org_path', 'like', `${path}%`);
  const passed = await base
    .select([
      'admissions.org_id',
      'admissions.org_path',
      'orgs.code as org_code',
      'orgs.name as org_name',
      'admissions.branch_vote_on as held_on',
      'admissions.vote_should_attend',
      'admissions.vote_attended',
    ])
    .where('admissions.branch_vote_on', '>=', from)
    .where('admissions.branch_vote_on', '<=', to)
    .execute();
  const failed = await base
    .select([
      'admissions.org_id',
      'admissions.org_path',
      'orgs.code as org_code',
      'orgs.name as org_name',
      'admissions.ended_on as held_on',
      'admissions.vote_should_attend',
      'admissions.vote_attended',
    ])
    .where('admissions.status', '=', 'rejected')
    .where('admissions.branch_vote_on', 'is', null)
    .where('admissions.vote_attended', 'is not', null)
    .where('admissions.ended_on', '>=', from)
    .where('admissions.ended_on', '<=', to)
    .execute();
  return [...passed, ...failed].map((r) => ({ ...r, held_on: r.held_on as string }));
}
