import type { AppContext } from '../../context.ts';
import { dialect } from '../../db/create-db.ts';
import { parseDate } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import type { OrgRow } from '../orgs/orgs.repository.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findRegionById } from '../regions/regions.repository.ts';
import {
  admissionFigures,
  cadreFigures,
  internshipFigures,
  mentalHealthFigures,
  moneyFigures,
  orgFigures,
  type ReportScope,
  schoolFigures,
  venueFigures,
  volunteerFigures,
} from './reports.repository.ts';

/** REPORT-SPEC.md: the flat object of indicators, in the order of the five leads. */
export interface Indicators {
  'admission.admitted': number;
  'admission.recommended': number;
  'admission.in_progress': number;
  'party.recommended': number;
  'school.schools': number;
  'school.class_hours': number;
  'school.trainees': number;
  'org.active': number;
  'org.social': number;
  'org.nonpublic': number;
  'member.total': number;
  'cadre.county_seconded_deputies': number;
  'cadre.county_parttime_deputies': number;
  'cadre.township_student_deputies': number;
  'fund.mental_health': number;
  'fund.total': number;
  'venue.qingyi': number;
  'aid.raised': number;
  'aid.granted': number;
  'aid.students': number;
  'mental.donations': number;
  'mental.counsellors': number;
  'mental.events': number;
  'mental.reach': number;
  'mental.consultations': number;
  'venue.youth_homes': number;
  'venue.townships': number;
  'venue.townships_covered': number;
  'venue.township_coverage': number;
  'internship.posts': number;
  'internship.placed': number;
  'volunteer.events': number;
  'volunteer.participations': number;
  'volunteer.volunteers': number;
  'volunteer.hours': number;
}

export interface AnswerSheet {
  org: { code: string; name: string };
  period: { from: string; to: string };
  indicators: Indicators;
}

export interface ReportRequest {
  org: string;
  from: string;
  to: string;
}

const yuan = (fen: number) => fen / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function checkPeriod(from: string, to: string): void {
  if (!parseDate(from)) throw ValidationError.field('from', from, '开始日期不是有效日期（格式 YYYY-MM-DD）');
  if (!parseDate(to)) throw ValidationError.field('to', to, '结束日期不是有效日期（格式 YYYY-MM-DD）');
  if (from > to) throw ValidationError.field('from', from, '开始日期不能晚于结束日期');
}

/** The scope the figures of an organisation's subtree are counted in, for a period already checked. */
export async function reportScopeOf(
  ctx: AppContext,
  org: OrgRow,
  from: string,
  to: string,
): Promise<ReportScope> {
  const region = await findRegionById(ctx.db, org.region_id);
  return { orgPath: org.path, regionPath: region!.path, from, to, dialect: dialect(ctx.db) };
}

/** The organisation a report is about (in the caller's scope) and the scope its figures are counted in. */
export async function resolveScope(ctx: AppContext, actor: Actor, request: ReportRequest) {
  assertCan(actor, 'org.read');
  checkPeriod(request.from, request.to);
  const org = await requireOrgInScope(ctx.db, actor, request.org);
  return { org, scope: await reportScopeOf(ctx, org, request.from, request.to) };
}

/** The 青春答卷 indicators for an organisation's subtree and a period, each exactly as REPORT-SPEC.md defines it. */
export async function answerSheet(
  ctx: AppContext,
  actor: Actor,
  request: ReportRequest,
): Promise<AnswerSheet> {
  const { org, scope } = await resolveScope(ctx, actor, request);
  const { db } = ctx;
  // The leads are independent reads, sent side by side: on PostgreSQL each takes a connection of the pool
  // (issue 14: with the indexes in place, 33 round trips one after another were most of a county's time
  // on a loaded server); SQLite's one connection takes them in turn, as before.
  const [admission, school, orgs, cadres, money, mental, venues, internships, volunteers] = await Promise.all(
    [
      admissionFigures(db, scope),
      schoolFigures(db, scope),
      orgFigures(db, scope),
      cadreFigures(db, scope),
      moneyFigures(db, scope),
      mentalHealthFigures(db, scope),
      venueFigures(db, scope),
      internshipFigures(db, scope),
      volunteerFigures(db, scope),
    ],
  );
  return {
    org: { code: org.code, name: org.name },
    period: { from: request.from, to: request.to },
    indicators: {
      'admission.admitted': admission.admitted,
      'admission.recommended': admission.recommended,
      'admission.in_progress': admission.inProgress,
      'party.recommended': admission.partyRecommended,
      'school.schools': school.schools,
      'school.class_hours': school.classHoursTenths / 10,
      'school.trainees': school.trainees,
      'org.active': orgs.active,
      'org.social': orgs.social,
      'org.nonpublic': orgs.nonpublic,
      'member.total': orgs.members,
      'cadre.county_seconded_deputies': cadres.countySeconded,
      'cadre.county_parttime_deputies': cadres.countyPartTime,
      'cadre.township_student_deputies': cadres.townshipStudents,
      'fund.mental_health': yuan(money.fundMentalFen),
      'fund.total': yuan(money.fundTotalFen),
      'venue.qingyi': venues.qingyi,
      'aid.raised': yuan(money.aidRaisedFen),
      'aid.granted': yuan(money.aidGrantedFen),
      'aid.students': money.aidStudents,
      'mental.donations': yuan(money.mentalDonationsFen),
      'mental.counsellors': mental.counsellors,
      'mental.events': mental.events,
      'mental.reach': mental.reach,
      'mental.consultations': mental.consultations,
      'venue.youth_homes': venues.youthHomes,
      'venue.townships': venues.townships,
      'venue.townships_covered': venues.townshipsCovered,
      'venue.township_coverage':
        venues.townships === 0 ? 0 : round4(venues.townshipsCovered / venues.townships),
      'internship.posts': internships.slots,
      'internship.placed': internships.placed,
      'volunteer.events': volunteers.events,
      'volunteer.participations': volunteers.participations,
      'volunteer.volunteers': volunteers.volunteers,
      'volunteer.hours': volunteers.hoursHundredths / 100,
    },
  };
}
