import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';

/** What every indicator query needs: the scope's path, its region's path, and the period (inclusive). */
export interface ReportScope {
  orgPath: string;
  regionPath: string;
  from: string;
  to: string;
}

const n = (value: unknown) => Number(value ?? 0);

type Eb<T extends keyof Database> = ExpressionBuilder<Database, T>;

/** REPORT-SPEC.md "active post / counsellor / venue": started on or before `to`, not ended on or before it. */
const activeAt = (to: string, start: string, end: string) =>
  sql<boolean>`(${sql.ref(start)} is null or ${sql.ref(start)} <= ${to}) and (${sql.ref(end)} is null or ${sql.ref(end)} > ${to})`;

export async function admissionFigures(db: Db, s: ReportScope) {
  const admitted = await db
    .selectFrom('admissions')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('status', '=', 'admitted')
    .where('joined_on', '>=', s.from)
    .where('joined_on', '<=', s.to)
    .select((eb) => [
      eb.fn.countAll().as('admitted'),
      eb.fn
        .sum(
          eb
            .case()
            .when('recommended_by', 'in', ['pioneer_recommendation', 'member_recommendation'])
            .then(1)
            .else(0)
            .end(),
        )
        .as('recommended'),
    ])
    .executeTakeFirstOrThrow();
  const inProgress = await db
    .selectFrom('admissions')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('status', 'in', ['applied', 'activist', 'candidate'])
    .where('applied_on', '<=', s.to)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const party = await db
    .selectFrom('party_recommendations')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('recommended_on', '>=', s.from)
    .where('recommended_on', '<=', s.to)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return {
    admitted: n(admitted.admitted),
    recommended: n(admitted.recommended),
    inProgress: n(inProgress.n),
    partyRecommended: n(party.n),
  };
}

export async function schoolFigures(db: Db, s: ReportScope) {
  const schools = await db
    .selectFrom('schools')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where((eb) => eb.or([eb('established_on', 'is', null), eb('established_on', '<=', s.to)]))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const classes = (eb: Eb<'class_sessions'>) =>
    eb.and([
      eb('class_sessions.org_path', 'like', `${s.orgPath}%`),
      eb('held_on', '>=', s.from),
      eb('held_on', '<=', s.to),
    ]);
  const hours = await db
    .selectFrom('class_sessions')
    .where(classes)
    .select((eb) => eb.fn.sum('hours_tenths').as('tenths'))
    .executeTakeFirstOrThrow();
  const trainees = await db
    .selectFrom('attendance')
    .innerJoin('class_sessions', 'class_sessions.id', 'attendance.class_session_id')
    .where(classes)
    .where('attendance.result', '=', 'passed')
    .select((eb) => eb.fn.count('attendance.person_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return { schools: n(schools.n), classHoursTenths: n(hours.tenths), trainees: n(trainees.n) };
}

export async function orgFigures(db: Db, s: ReportScope) {
  const row = await db
    .selectFrom('orgs')
    .where('path', 'like', `${s.orgPath}%`)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('established_on', 'is', null), eb('established_on', '<=', s.to)]))
    .select((eb) => [
      eb.fn.countAll().as('active'),
      eb.fn.sum(eb.case().when('domain', '=', '社会组织').then(1).else(0).end()).as('social'),
      eb.fn.sum(eb.case().when('domain', '=', '非公企业').then(1).else(0).end()).as('nonpublic'),
    ])
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .where('orgs.path', 'like', `${s.orgPath}%`)
    .where('people.political_status', '=', 'league_member')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { active: n(row.active), social: n(row.social), nonpublic: n(row.nonpublic), members: n(members.n) };
}

export async function cadreFigures(db: Db, s: ReportScope) {
  const row = await db
    .selectFrom('cadre_posts')
    .innerJoin('orgs', 'orgs.id', 'cadre_posts.org_id')
    .where('cadre_posts.org_path', 'like', `${s.orgPath}%`)
    .where('cadre_posts.title', '=', 'deputy_secretary')
    .where(activeAt(s.to, 'cadre_posts.started_on', 'cadre_posts.ended_on'))
    .select((eb) => {
      const when = (level: string, mode: string, student = false) =>
        eb.fn.sum(
          eb
            .case()
            .when(
              eb.and([
                eb('orgs.level', '=', level),
                eb('cadre_posts.mode', '=', mode),
                ...(student ? [eb('cadre_posts.source', '=', '大学生')] : []),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        );
      return [
        when('county', 'seconded').as('county_seconded'),
        when('county', 'part_time').as('county_parttime'),
        when('township', 'part_time', true).as('township_students'),
      ];
    })
    .executeTakeFirstOrThrow();
  return {
    countySeconded: n(row.county_seconded),
    countyPartTime: n(row.county_parttime),
    townshipStudents: n(row.township_students),
  };
}

/** Sum of amount_fen per programme in a money ledger, for rows dated in the period. */
async function sumsByProgram(
  db: Db,
  s: ReportScope,
  table: 'funds' | 'donations' | 'grants',
  dateColumn: string,
) {
  const rows = await db
    .selectFrom(table)
    .where('org_path', 'like', `${s.orgPath}%`)
    .where(sql.ref(dateColumn), '>=', s.from)
    .where(sql.ref(dateColumn), '<=', s.to)
    .select((eb) => ['program', eb.fn.sum<number>('amount_fen').as('fen')])
    .groupBy('program')
    .execute();
  return new Map(rows.map((r) => [r.program, n(r.fen)]));
}

export async function moneyFigures(db: Db, s: ReportScope) {
  const funds = await sumsByProgram(db, s, 'funds', 'received_on');
  const donations = await sumsByProgram(db, s, 'donations', 'donated_on');
  const grants = await sumsByProgram(db, s, 'grants', 'granted_on');
  const students = await db
    .selectFrom('grants')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('program', '=', '助学')
    .where('granted_on', '>=', s.from)
    .where('granted_on', '<=', s.to)
    .select((eb) => eb.fn.count('person_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return {
    fundMentalFen: funds.get('心理健康') ?? 0,
    fundTotalFen: [...funds.values()].reduce((a, b) => a + b, 0),
    aidRaisedFen: donations.get('助学') ?? 0,
    aidGrantedFen: grants.get('助学') ?? 0,
    aidStudents: n(students.n),
    mentalDonationsFen: donations.get('心理健康') ?? 0,
  };
}

export async function mentalHealthFigures(db: Db, s: ReportScope) {
  const counsellors = await db
    .selectFrom('counsellors')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where(activeAt(s.to, 'joined_on', 'left_on'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('outreach_events')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('held_on', '>=', s.from)
    .where('held_on', '<=', s.to)
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('reach').as('reach')])
    .executeTakeFirstOrThrow();
  const consultations = await db
    .selectFrom('consultations')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('held_on', '>=', s.from)
    .where('held_on', '<=', s.to)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return {
    counsellors: n(counsellors.n),
    events: n(events.n),
    reach: n(events.reach),
    consultations: n(consultations.n),
  };
}

export async function venueFigures(db: Db, s: ReportScope) {
  const active = (eb: Eb<'venues'>) =>
    eb.and([
      eb('venues.org_path', 'like', `${s.orgPath}%`),
      eb('venues.status', '=', 'active'),
      eb.or([eb('venues.opened_on', 'is', null), eb('venues.opened_on', '<=', s.to)]),
    ]);
  const kinds = await db
    .selectFrom('venues')
    .where(active)
    .select((eb) => ['kind', eb.fn.countAll().as('n')])
    .groupBy('kind')
    .execute();
  const byKind = new Map(kinds.map((k) => [k.kind, n(k.n)]));
  const townships = await db
    .selectFrom('regions as township')
    .where('township.level', '=', 'township')
    .where('township.path', 'like', `${s.regionPath}%`)
    .select((eb) => [
      'township.id',
      eb
        .exists(
          eb
            .selectFrom('venues')
            .innerJoin('regions as place', 'place.id', 'venues.region_id')
            .where(active)
            .where('venues.kind', '=', 'youth_home')
            .where(sql<boolean>`place.path like township.path || '%'`)
            .select('venues.id'),
        )
        .as('covered'),
    ])
    .execute();
  return {
    youthHomes: byKind.get('youth_home') ?? 0,
    qingyi: byKind.get('qingyi_home') ?? 0,
    townships: townships.length,
    townshipsCovered: townships.filter((t) => Boolean(Number(t.covered))).length,
  };
}

export async function internshipFigures(db: Db, s: ReportScope) {
  const posts = (eb: Eb<'internship_posts'>) =>
    eb.and([
      eb('internship_posts.org_path', 'like', `${s.orgPath}%`),
      eb('internship_posts.starts_on', '>=', s.from),
      eb('internship_posts.starts_on', '<=', s.to),
    ]);
  const slots = await db
    .selectFrom('internship_posts')
    .where(posts)
    .select((eb) => eb.fn.sum('slots').as('n'))
    .executeTakeFirstOrThrow();
  const placed = await db
    .selectFrom('internship_placements')
    .innerJoin('internship_posts', 'internship_posts.id', 'internship_placements.post_id')
    .where(posts)
    .where('internship_placements.status', 'in', ['hired', 'completed'])
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { slots: n(slots.n), placed: n(placed.n) };
}

export async function volunteerFigures(db: Db, s: ReportScope) {
  const activities = await db
    .selectFrom('volunteer_activities')
    .where('org_path', 'like', `${s.orgPath}%`)
    .where('start_date', '>=', s.from)
    .where('start_date', '<=', s.to)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const records = await db
    .selectFrom('volunteer_records')
    .innerJoin('volunteer_activities', 'volunteer_activities.id', 'volunteer_records.activity_id')
    .where('volunteer_activities.org_path', 'like', `${s.orgPath}%`)
    .where('volunteer_activities.start_date', '>=', s.from)
    .where('volunteer_activities.start_date', '<=', s.to)
    .select((eb) => [
      eb.fn.countAll().as('participations'),
      eb.fn.count('volunteer_records.person_id').distinct().as('volunteers'),
      eb.fn.sum('volunteer_records.hours_hundredths').as('hundredths'),
    ])
    .executeTakeFirstOrThrow();
  return {
    events: n(activities.n),
    participations: n(records.participations),
    volunteers: n(records.volunteers),
    hoursHundredths: n(records.hundredths),
  };
}
