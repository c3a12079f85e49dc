import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { type ReportScope, sources, townshipsWithYouthHomes } from './report-sources.ts';

export type { ReportScope } from './report-sources.ts';

const n = (value: unknown) => Number(value ?? 0);

// biome-ignore lint/suspicious/noExplicitAny: aggregates over any source
type AnySource = SelectQueryBuilder<any, any, any>;

async function count(q: AnySource): Promise<number> {
  return n((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

async function countDistinct(q: AnySource, column: string): Promise<number> {
  return n((await q.select((eb) => eb.fn.count(column).distinct().as('n')).executeTakeFirstOrThrow()).n);
}

async function sum(q: AnySource, column: string): Promise<number> {
  return n((await q.select((eb) => eb.fn.sum(column).as('n')).executeTakeFirstOrThrow()).n);
}

export async function admissionFigures(db: Db, s: ReportScope) {
  return {
    admitted: await count(sources.admittedAdmissions(db, s)),
    recommended: await count(sources.recommendedAdmissions(db, s)),
    inProgress: await count(sources.admissionsInProgress(db, s)),
    partyRecommended: await count(sources.partyRecommendations(db, s)),
  };
}

export async function schoolFigures(db: Db, s: ReportScope) {
  return {
    schools: await count(sources.schools(db, s)),
    classHoursTenths: await sum(sources.classes(db, s), 'class_sessions.hours_tenths'),
    trainees: await countDistinct(sources.passedAttendance(db, s), 'attendance.person_id'),
  };
}

export async function orgFigures(db: Db, s: ReportScope) {
  return {
    active: await count(sources.activeOrgs(db, s)),
    social: await count(sources.activeOrgs(db, s).where('orgs.domain', '=', '社会组织')),
    nonpublic: await count(sources.activeOrgs(db, s).where('orgs.domain', '=', '非公企业')),
    members: await count(sources.members(db, s)),
  };
}

export async function cadreFigures(db: Db, s: ReportScope) {
  return {
    countySeconded: await count(sources.deputyPosts(db, s, 'county', 'seconded', false)),
    countyPartTime: await count(sources.deputyPosts(db, s, 'county', 'part_time', false)),
    townshipStudents: await count(sources.deputyPosts(db, s, 'township', 'part_time', true)),
  };
}

export async function moneyFigures(db: Db, s: ReportScope) {
  return {
    fundMentalFen: await sum(sources.funds(db, s, '心理健康'), 'funds.amount_fen'),
    fundTotalFen: await sum(sources.funds(db, s), 'funds.amount_fen'),
    aidRaisedFen: await sum(sources.donations(db, s, '助学'), 'donations.amount_fen'),
    aidGrantedFen: await sum(sources.grants(db, s, '助学'), 'grants.amount_fen'),
    aidStudents: await countDistinct(sources.grants(db, s, '助学'), 'grants.person_id'),
    mentalDonationsFen: await sum(sources.donations(db, s, '心理健康'), 'donations.amount_fen'),
  };
}

export async function mentalHealthFigures(db: Db, s: ReportScope) {
  return {
    counsellors: await count(sources.activeCounsellors(db, s)),
    events: await count(sources.outreachEvents(db, s)),
    reach: await sum(sources.outreachEvents(db, s), 'outreach_events.reach'),
    consultations: await count(sources.consultations(db, s)),
  };
}

export async function venueFigures(db: Db, s: ReportScope) {
  const townships = await townshipsWithYouthHomes(db, s).execute();
  return {
    youthHomes: await count(sources.activeVenues(db, s, 'youth_home')),
    qingyi: await count(sources.activeVenues(db, s, 'qingyi_home')),
    townships: townships.length,
    townshipsCovered: townships.filter((t) => n(t.youth_homes) > 0).length,
  };
}

export async function internshipFigures(db: Db, s: ReportScope) {
  return {
    slots: await sum(sources.internshipPosts(db, s), 'internship_posts.slots'),
    placed: await count(sources.placements(db, s)),
  };
}

/** One pass over the period's records for all three of their figures (it is the largest ledger). */
export async function volunteerFigures(db: Db, s: ReportScope) {
  const records = await sources
    .volunteerRecords(db, s)
    .select((eb) => [
      eb.fn.countAll().as('participations'),
      eb.fn.count('volunteer_records.person_id').distinct().as('volunteers'),
      eb.fn.sum('volunteer_records.hours_hundredths').as('hundredths'),
    ])
    .executeTakeFirstOrThrow();
  return {
    events: await count(sources.volunteerActivities(db, s)),
    participations: n(records.participations),
    volunteers: n(records.volunteers),
    hoursHundredths: n(records.hundredths),
  };
}
