import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, DialectName } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';
import { PREVIOUS_DATE_DEPTHS, previousDateColumn } from '../volunteering/previous-dates.service.ts';

/**
 * The rows each indicator counts (REPORT-SPEC.md), as query builders: the figures aggregate over them and the
 * drill-down lists them, so a figure and the records behind it can never disagree.
 */
export interface ReportScope {
  orgPath: string;
  regionPath: string;
  from: string;
  to: string;
  /** How a subtree is matched (see inScope); without it, by `like`, which is right on either database. */
  dialect?: DialectName;
}

type Eb<T extends keyof Database> = ExpressionBuilder<Database, T>;

/** REPORT-SPEC.md "active post / counsellor / venue": started on or before `to`, not ended on or before it. */
export const activeAt = (to: string, start: string, end: string) =>
  sql<boolean>`(${sql.ref(start)} is null or ${sql.ref(start)} <= ${to}) and (${sql.ref(end)} is null or ${sql.ref(end)} > ${to})`;

const inPeriod = (s: ReportScope, column: string) =>
  sql<boolean>`${sql.ref(column)} between ${s.from} and ${s.to}`;
/**
 * In the scope organisation's subtree. SQLite cannot use an index for `like` with a bound prefix, so there the
 * subtree is the range of paths from `/1/5/` up to `/1/50` ('0' follows '/'), which its byte order keeps exact;
 * PostgreSQL keeps `like`, whose meaning does not depend on the database's collation.
 */
const inScope = (s: ReportScope, column: string) =>
  s.dialect === 'sqlite'
    ? sql<boolean>`${sql.ref(column)} >= ${s.orgPath} and ${sql.ref(column)} < ${`${s.orgPath.slice(0, -1)}0`}`
    : sql<boolean>`${sql.ref(column)} like ${`${s.orgPath}%`}`;

export const sources = {
  admittedAdmissions: (db: Db, s: ReportScope) =>
    db
      .selectFrom('admissions')
      .where(inScope(s, 'admissions.org_path'))
      .where('admissions.status', '=', 'admitted')
      .where(inPeriod(s, 'admissions.joined_on')),
  recommendedAdmissions: (db: Db, s: ReportScope) =>
    sources
      .admittedAdmissions(db, s)
      .where('admissions.recommended_by', 'in', ['pioneer_recommendation', 'member_recommendation']),
  admissionsInProgress: (db: Db, s: ReportScope) =>
    db
      .selectFrom('admissions')
      .where(inScope(s, 'admissions.org_path'))
      .where('admissions.status', 'in', ['applied', 'activist', 'candidate'])
      .where('admissions.applied_on', '<=', s.to),
  partyRecommendations: (db: Db, s: ReportScope) =>
    db
      .selectFrom('party_recommendations')
      .where(inScope(s, 'party_recommendations.org_path'))
      .where(inPeriod(s, 'party_recommendations.recommended_on')),
  schools: (db: Db, s: ReportScope) =>
    db
      .selectFrom('schools')
      .where(inScope(s, 'schools.org_path'))
      .where((eb) =>
        eb.or([eb('schools.established_on', 'is', null), eb('schools.established_on', '<=', s.to)]),
      ),
  classes: (db: Db, s: ReportScope) =>
    db
      .selectFrom('class_sessions')
      .where(inScope(s, 'class_sessions.org_path'))
      .where(inPeriod(s, 'class_sessions.held_on')),
  passedAttendance: (db: Db, s: ReportScope) =>
    sources
      .classes(db, s)
      .innerJoin('attendance', 'attendance.class_session_id', 'class_sessions.id')
      .where('attendance.result', '=', 'passed'),
  activeOrgs: (db: Db, s: ReportScope) =>
    db
      .selectFrom('orgs')
      .where(inScope(s, 'orgs.path'))
      .where('orgs.status', '=', 'active')
      .where((eb) => eb.or([eb('orgs.established_on', 'is', null), eb('orgs.established_on', '<=', s.to)])),
  members: (db: Db, s: ReportScope) =>
    db
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .where(inScope(s, 'orgs.path'))
      .where('people.political_status', '=', 'league_member'),
  deputyPosts: (
    db: Db,
    s: ReportScope,
    level: 'county' | 'township',
    mode: 'seconded' | 'part_time',
    students: boolean,
  ) => {
    const q = db
      .selectFrom('cadre_posts')
      .innerJoin('orgs', 'orgs.id', 'cadre_posts.org_id')
      .where(inScope(s, 'cadre_posts.org_path'))
      .where('cadre_posts.title', '=', 'deputy_secretary')
      .where('cadre_posts.mode', '=', mode)
      .where('orgs.level', '=', level)
      .where(activeAt(s.to, 'cadre_posts.started_on', 'cadre_posts.ended_on'));
    return students ? q.where('cadre_posts.source', '=', '大学生') : q;
  },
  funds: (db: Db, s: ReportScope, program?: string) => {
    const q = db
      .selectFrom('funds')
      .where(inScope(s, 'funds.org_path'))
      .where(inPeriod(s, 'funds.received_on'));
    return program ? q.where('funds.program', '=', program) : q;
  },
  donations: (db: Db, s: ReportScope, program: string) =>
    db
      .selectFrom('donations')
      .where(inScope(s, 'donations.org_path'))
      .where('donations.program', '=', program)
      .where(inPeriod(s, 'donations.donated_on')),
  grants: (db: Db, s: ReportScope, program: string) =>
    db
      .selectFrom('grants')
      .where(inScope(s, 'grants.org_path'))
      .where('grants.program', '=', program)
      .where(inPeriod(s, 'grants.granted_on')),
  activeCounsellors: (db: Db, s: ReportScope) =>
    db
      .selectFrom('counsellors')
      .where(inScope(s, 'counsellors.org_path'))
      .where(activeAt(s.to, 'counsellors.joined_on', 'counsellors.left_on')),
  outreachEvents: (db: Db, s: ReportScope) =>
    db
      .selectFrom('outreach_events')
      .where(inScope(s, 'outreach_events.org_path'))
      .where(inPeriod(s, 'outreach_events.held_on')),
  consultations: (db: Db, s: ReportScope) =>
    db
      .selectFrom('consultations')
      .where(inScope(s, 'consultations.org_path'))
      .where(inPeriod(s, 'consultations.held_on')),
  activeVenues: (db: Db, s: ReportScope, kind: string) =>
    db
      .selectFrom('venues')
      .where((eb) => activeVenue(eb, s))
      .where('venues.kind', '=', kind),
  townships: (db: Db, s: ReportScope) =>
    db
      .selectFrom('regions as township')
      .where('township.level', '=', 'township')
      .where(sql<boolean>`township.path like ${`${s.regionPath}%`}`),
  internshipPosts: (db: Db, s: ReportScope) =>
    db
      .selectFrom('internship_posts')
      .where(inScope(s, 'internship_posts.org_path'))
      .where(inPeriod(s, 'internship_posts.starts_on')),
  placements: (db: Db, s: ReportScope) =>
    sources
      .internshipPosts(db, s)
      .innerJoin('internship_placements', 'internship_placements.post_id', 'internship_posts.id')
      .where('internship_placements.status', 'in', ['hired', 'completed']),
  volunteerActivities: (db: Db, s: ReportScope) =>
    db
      .selectFrom('volunteer_activities')
      .where(inScope(s, 'volunteer_activities.org_path'))
      .where(inPeriod(s, 'volunteer_activities.start_date')),
  volunteerRecords: (db: Db, s: ReportScope) =>
    sources
      .volunteerActivities(db, s)
      .innerJoin('volunteer_records', 'volunteer_records.activity_id', 'volunteer_activities.id'),
};

/**
 * volunteer.volunteers over `sources.volunteerRecords`: the distinct persons, counted as the records that are their
 * person's first in the period under the scope's org (previous-dates.repository.ts): no sort of person ids, which
 * was 1.26 s of a 100-county province's sheet. Scopes deeper than the kept depths count distinct ids, cheap there.
 */
export function distinctVolunteers(s: ReportScope) {
  const depth = s.orgPath.split('/').filter(Boolean).length;
  if (depth < 1 || depth > PREVIOUS_DATE_DEPTHS)
    return sql<number>`count(distinct ${sql.ref('volunteer_records.person_id')})`;
  const previous = sql.ref(`volunteer_records.${previousDateColumn(depth)}`);
  return sql<number>`count(case when ${previous} is null or ${previous} < ${s.from} then 1 end)`;
}

function activeVenue(eb: Eb<'venues'>, s: ReportScope) {
  return eb.and([
    inScope(s, 'venues.org_path'),
    eb('venues.status', '=', 'active'),
    eb.or([eb('venues.opened_on', 'is', null), eb('venues.opened_on', '<=', s.to)]),
  ]);
}

/**
 * Active youth homes located in a township or a village under it, per township of the scope's region. A home's
 * township is its place when the place is a township, else the place's parent (a village's is its township;
 * regions stop at village, so that is every case). Joined on that id and grouped, once: the correlated
 * `place.path like township.path || '%'` this replaces hashed every region again for each township — 20 s for a
 * province of 2,000 townships, 150 ms of a county's sheet (issue 14, bench/explain-answer-sheet.ts).
 */
export function townshipsWithYouthHomes(db: Db, s: ReportScope) {
  const homes = db
    .selectFrom('venues')
    .innerJoin('regions as place', 'place.id', 'venues.region_id')
    .where((v) => activeVenue(v as unknown as Eb<'venues'>, s))
    .where('venues.kind', '=', 'youth_home')
    .select((eb) => [
      'venues.id as venue_id',
      eb
        .case()
        .when('place.level', '=', 'township')
        .then(eb.ref('place.id'))
        .else(eb.ref('place.parent_id'))
        .end()
        .as('township_id'),
    ]);
  return sources
    .townships(db, s)
    .leftJoin(homes.as('home'), 'home.township_id', 'township.id')
    .groupBy(['township.id', 'township.code', 'township.name'])
    .select((eb) => [
      'township.id',
      'township.code',
      'township.name',
      eb.fn.count<number>('home.venue_id').as('youth_homes'),
    ]);
}
