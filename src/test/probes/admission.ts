import { nowIso } from '../../db/create-db.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { insertAdmission } from '../../modules/admission/admission.repository.ts';
import { findOrgByCode } from '../../modules/orgs/orgs.repository.ts';
import { insertCase } from '../../modules/party/party.repository.ts';
import { insertClass, insertSchool, upsertAttendance } from '../../modules/schools/schools.repository.ts';
import type { TestContext } from '../db.ts';
import { buildPerson } from '../factories.ts';

/**
 * Records of SL-A for the scope walk (src/server/scope.integration.test.ts): an admission, a league school
 * with a class and attendance, a 推优入党 case. Their ids replace `:admission` and `:partycase` in the probes.
 */
export async function seedAdmissionProbeRecords(
  ctx: TestContext,
  slAPerson: number,
): Promise<Record<string, number>> {
  const branch = (await findOrgByCode(ctx.db, 'SL-A-T1-V1'))!;
  const county = (await findOrgByCode(ctx.db, 'SL-A'))!;
  const now = nowIso();
  const applicant = await buildPerson(ctx, {
    idNumber: makeIdNumber('419901', '2011-04-04', 77),
    name: '甲县申请人',
    orgCode: 'SL-A-T1-V1',
    politicalStatus: 'young_pioneer',
    joinedOn: null,
  });
  const admission = await insertAdmission(ctx.db, {
    person_id: applicant.id,
    org_id: branch.id,
    org_path: branch.path,
    applied_on: '2026-01-05',
    recommended_by: null,
    civics_grade: '优秀',
    status: 'applied',
    created_at: now,
    updated_at: now,
  });
  const school = await insertSchool(ctx.db, {
    code: 'SL-A-TX',
    name: '甲县团校',
    org_id: county.id,
    org_path: county.path,
    honorary_principal: '甲县名誉校长',
    established_on: '2023-01-01',
    created_at: now,
    updated_at: now,
  });
  const klass = await insertClass(ctx.db, {
    code: 'SL-A-K1',
    title: '甲县团课',
    school_id: school,
    org_id: county.id,
    org_path: county.path,
    held_on: '2026-03-01',
    hours_tenths: 20,
    teacher: '甲县讲师',
    teacher_kind: '团干部',
    created_at: now,
    updated_at: now,
  });
  await upsertAttendance(ctx.db, {
    class_session_id: klass,
    person_id: slAPerson,
    org_id: county.id,
    org_path: county.path,
    result: 'passed',
    now,
  });
  const partyCase = await insertCase(ctx.db, {
    org_id: branch.id,
    org_path: branch.path,
    person_id: slAPerson,
    party_applied_on: '2025-01-01',
    stage: '入党积极分子',
    screened_on: '2026-02-01',
    status: 'screened',
    created_at: now,
    updated_at: now,
  });
  return { ':admission': admission, ':partycase': partyCase };
}

const denied = (url: string, payload?: object) => ({ url, payload, expect: 'denied' as const });
const own = (url: string, why: string) => ({ url, expect: 'own' as const, why });
const dated = { on: '2026-02-01' };

/** The scope walk's probes for the admission, league school and 推优入党 routes. */
export const ADMISSION_PROBES = {
  'GET /api/admissions': [
    denied('/api/admissions?org=SL-A'),
    own('/api/admissions', 'his own subtree’s board'),
  ],
  'GET /api/admissions/export': [
    denied('/api/admissions/export?org=SL-A-T1-V1'),
    denied('/api/admissions/export?org=SL'),
  ],
  'GET /api/admissions/settings': [denied('/api/admissions/settings?org=SL-A')],
  'PUT /api/admissions/settings': [
    denied('/api/admissions/settings', {
      org: 'SL-A',
      civicsRequired: false,
      minClassHours: 8,
      minVolunteerHours: 0,
      voteBase: 'attending',
      quotaJuniorPct: 100,
      quotaSeniorPct: 100,
    }),
  ],
  'GET /api/admissions/quotas': [denied('/api/admissions/quotas?org=SL-A')],
  'PUT /api/admissions/quotas': [
    denied('/api/admissions/quotas', {
      org: 'SL-A-T1',
      year: 2026,
      schoolStage: 'junior',
      graduates: 10,
      membersBefore: 1,
    }),
  ],
  'POST /api/admissions': [
    denied('/api/admissions', { personId: 1, orgCode: 'SL-A-T1-V1', appliedOn: '2026-01-05' }),
  ],
  'GET /api/admissions/:id': [denied('/api/admissions/:admission')],
  'POST /api/admissions/:id/talk': [denied('/api/admissions/:admission/talk', dated)],
  'POST /api/admissions/:id/civics-grade': [
    denied('/api/admissions/:admission/civics-grade', { grade: '不合格' }),
  ],
  'POST /api/admissions/:id/activist': [
    denied('/api/admissions/:admission/activist', {
      ...dated,
      recommendedBy: 'member_recommendation',
      mentorIds: [1],
    }),
  ],
  'POST /api/admissions/:id/candidate': [
    denied('/api/admissions/:admission/candidate', {
      ...dated,
      publicityFrom: '2026-02-02',
      publicityTo: '2026-02-09',
      introducerIds: [1, 2],
    }),
  ],
  'POST /api/admissions/:id/vote': [
    denied('/api/admissions/:admission/vote', { ...dated, shouldAttend: 3, attended: 3, yes: 3 }),
  ],
  'POST /api/admissions/:id/vote-correction': [
    denied('/api/admissions/:admission/vote-correction', {
      ...dated,
      shouldAttend: 3,
      attended: 3,
      yes: 3,
      reason: '越界',
    }),
  ],
  'POST /api/admissions/:id/approve': [
    denied('/api/admissions/:admission/approve', { ...dated, acceptQuotaWarning: true }),
  ],
  'POST /api/admissions/:id/ceremony': [denied('/api/admissions/:admission/ceremony', dated)],
  'POST /api/admissions/:id/reject': [
    denied('/api/admissions/:admission/reject', { ...dated, reason: '越界' }),
  ],
  'POST /api/admissions/:id/withdraw': [
    denied('/api/admissions/:admission/withdraw', { ...dated, reason: '越界' }),
  ],
  'GET /api/schools': [denied('/api/schools?org=SL-A'), own('/api/schools', 'his own subtree’s schools')],
  'POST /api/schools': [denied('/api/schools', { code: 'SL-B-TX2', name: '越界团校', orgCode: 'SL-A' })],
  'GET /api/schools/:code': [denied('/api/schools/SL-A-TX')],
  'POST /api/schools/:code/teachers': [
    denied('/api/schools/SL-A-TX/teachers', { name: '越界', kind: '教师' }),
  ],
  'GET /api/classes': [
    denied('/api/classes?org=SL-A'),
    own('/api/classes', 'his subtree’s classes and those held above it'),
  ],
  'POST /api/classes': [
    denied('/api/classes', {
      code: 'SL-B-K9',
      title: '越界',
      orgCode: 'SL-A',
      heldOn: '2026-03-01',
      hours: 2,
    }),
  ],
  'GET /api/classes/attendance/export': [denied('/api/classes/attendance/export?org=SL-A')],
  // Person 1 is SL-A's 甲县张三 (the walk builds him first).
  'POST /api/classes/hours': [denied('/api/classes/hours', { personId: 1 })],
  'GET /api/classes/:code': [denied('/api/classes/SL-A-K1')],
  'PUT /api/classes/:code/attendance': [
    denied('/api/classes/SL-A-K1/attendance', { records: [{ personId: 1, result: 'failed' }] }),
  ],
  'GET /api/party-recommendations': [
    denied('/api/party-recommendations?org=SL-A'),
    own('/api/party-recommendations', 'his own subtree only'),
  ],
  'GET /api/party-recommendations/export': [denied('/api/party-recommendations/export?org=SL-A')],
  'POST /api/party-recommendations': [
    denied('/api/party-recommendations', {
      personId: 1,
      orgCode: 'SL-A-T1-V1',
      partyAppliedOn: '2025-01-01',
      screenedOn: '2026-02-01',
      stage: '入党积极分子',
    }),
  ],
  'GET /api/party-recommendations/:id': [denied('/api/party-recommendations/:partycase')],
  'POST /api/party-recommendations/:id/propose': [
    denied('/api/party-recommendations/:partycase/propose', dated),
  ],
  'POST /api/party-recommendations/:id/ballot': [
    denied('/api/party-recommendations/:partycase/ballot', {
      ...dated,
      shouldAttend: 3,
      attended: 3,
      yes: 3,
    }),
  ],
  'POST /api/party-recommendations/:id/outcome': [
    denied('/api/party-recommendations/:partycase/outcome', { outcome: '已入党' }),
  ],
};
