import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { addDays, addMonths, ageToday, today } from '../../lib/dates.ts';
import { xlsxOf } from '../../lib/downloads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { assertCan, findInReach } from '../auth/auth.policy.ts';
import { countMembersOfOrgOn } from '../membership/membership.service.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { checklistFor } from './admission.eligibility.ts';
import {
  ADMISSION_REMINDERS,
  ADMISSION_STATUSES,
  ADMISSION_STEPS,
  RECOMMENDED_BY,
} from './admission.labels.ts';
import {
  type AdmissionAction,
  actionsOf,
  assertAction,
  assertCanReadAdmissions,
  mayApply,
  type PathState,
} from './admission.policy.ts';
import {
  type AdmissionRow,
  findAdmissionById,
  findAdmissionEvents,
  findAdmissions,
  findLastSteps,
  findSponsors,
} from './admission.repository.ts';
import type { AdmissionsQuery } from './admission.schemas.ts';
import { effectiveSettings, quotaWarning } from './admission-settings.service.ts';

export async function requireAdmission(db: Db, actor: Actor, id: number): Promise<AdmissionRow> {
  assertCan(actor, 'person.read');
  return findInReach(actor, findAdmissionById(db, id), (a) => a.org_path, '发展团员记录不存在');
}

/**
 * The path a step names, loaded for that step: in reach (404 otherwise), and the actor one who may take the
 * step at the path's stage (admission.policy.ts refusalOf — the same rule that lists the actions).
 */
export async function requireAdmissionFor(
  db: Db,
  actor: Actor,
  id: number,
  action: AdmissionAction,
): Promise<AdmissionRow> {
  const a = await requireAdmission(db, actor, id);
  assertAction(actor, await pathState(db, a), action);
  return a;
}

type Reminder = keyof typeof ADMISSION_REMINDERS;

/** How many days before its end a candidate's 公示 is flagged, so the branch can call its 支部大会. */
export const PUBLICITY_ENDING_DAYS = 3;

/**
 * The board's reminders (DOMAIN.md: talk within a month, 3 months as activist, 公示 then the 支部大会, the
 * committee's approval, ceremony within 3 months). The to-do centre counts these same reminders.
 */
export function remindersOf(a: AdmissionRow, on: string): Reminder[] {
  const r: Reminder[] = [];
  if (a.status === 'applied' && !a.talk_on && on > addMonths(a.applied_on, 1)) r.push('talk_overdue');
  if (a.status === 'activist' && a.activist_on && on >= addMonths(a.activist_on, 3)) r.push('activist_due');
  if (a.status === 'candidate' && !a.branch_vote_on && a.publicity_to) {
    if (a.publicity_to < on) r.push('vote_due');
    else if (a.publicity_to <= addDays(on, PUBLICITY_ENDING_DAYS)) r.push('publicity_ending');
  }
  // Only paths approved on the platform carry a member_no here; imported history is not chased for ceremonies.
  if (
    a.status === 'admitted' &&
    a.member_no &&
    !a.ceremony_on &&
    a.joined_on &&
    on > addMonths(a.joined_on, 3)
  )
    r.push('ceremony_overdue');
  // The county board flags what waits on it (issue 17, item 5).
  if (a.status === 'candidate' && a.branch_vote_on) r.push('awaiting_approval');
  return r;
}

/** A vote may be corrected while it is the last step: before 审批, or when it ended the path. */
function voteCorrectable(a: AdmissionRow, lastStep: string | undefined): boolean {
  if (a.vote_should_attend == null) return false;
  if (a.status === 'candidate') return a.branch_vote_on != null;
  if (a.status !== 'rejected') return false;
  return lastStep === 'vote' || lastStep === 'vote_corrected';
}

/** Only a path its vote ended needs its last step read. */
const needsLastStep = (a: AdmissionRow) => a.status === 'rejected' && a.vote_should_attend != null;

/** What decides who may take which step on these paths (admission.policy.ts refusalOf), in one read. */
async function pathStates(db: Db, rows: AdmissionRow[]): Promise<Map<number, PathState>> {
  const last = await findLastSteps(
    db,
    rows.filter(needsLastStep).map((a) => a.id),
  );
  return new Map(rows.map((a) => [a.id, { ...a, voteCorrectable: voteCorrectable(a, last.get(a.id)) }]));
}

export async function pathState(db: Db, a: AdmissionRow): Promise<PathState> {
  return (await pathStates(db, [a])).get(a.id)!;
}

export function presentAdmission(actor: Actor, a: AdmissionRow, state: PathState, on = today()) {
  return {
    id: a.id,
    person: {
      id: a.person_id,
      name: a.person_name,
      idNumberMasked: a.id_number_masked,
      gender: a.gender,
      age: ageToday(a.birth_date),
    },
    org: { code: a.org_code, name: a.org_name },
    status: a.status,
    recommendedBy: a.recommended_by,
    civicsGrade: a.civics_grade,
    appliedOn: a.applied_on,
    talkOn: a.talk_on,
    activistOn: a.activist_on,
    candidateOn: a.candidate_on,
    publicityFrom: a.publicity_from,
    publicityTo: a.publicity_to,
    branchVoteOn: a.branch_vote_on,
    vote:
      a.vote_should_attend == null
        ? null
        : { shouldAttend: a.vote_should_attend, attended: a.vote_attended, yes: a.vote_yes },
    approvedOn: a.approved_on,
    joinedOn: a.joined_on,
    memberNo: a.member_no,
    ceremonyOn: a.ceremony_on,
    endedOn: a.ended_on,
    endReason: a.end_reason,
    reminders: remindersOf(a, on),
    actions: actionsOf(actor, state),
  };
}

/** The pipeline board of an org's subtree: every path, the count per stage and per reminder. */
export async function listAdmissions(ctx: AppContext, actor: Actor, query: AdmissionsQuery) {
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  assertCanReadAdmissions(actor, org.path);
  const rows = await findAdmissions(ctx.db, { orgPath: org.path, status: query.status });
  const on = today();
  const states = await pathStates(ctx.db, rows);
  const items = rows.map((r) => presentAdmission(actor, r, states.get(r.id)!, on));
  const counts = Object.fromEntries(Object.keys(ADMISSION_STATUSES).map((s) => [s, 0])) as Record<
    string,
    number
  >;
  const reminders = Object.fromEntries(Object.keys(ADMISSION_REMINDERS).map((s) => [s, 0])) as Record<
    string,
    number
  >;
  for (const i of items) {
    counts[i.status] = (counts[i.status] ?? 0) + 1;
    for (const r of i.reminders) reminders[r] = (reminders[r] ?? 0) + 1;
  }
  // `reminder` narrows the cards to one reminder's paths (the to-do centre links so); the counts stay whole.
  const shown = query.reminder ? items.filter((i) => i.reminders.includes(query.reminder!)) : items;
  return {
    org: { code: org.code, name: org.name, kind: org.kind },
    actions: mayApply(actor, org) ? ['apply' as const] : [],
    counts,
    reminders,
    items: shown,
  };
}

function checklistDate(a: AdmissionRow): string {
  if (a.status === 'admitted') return a.branch_vote_on ?? a.joined_on ?? today();
  if (a.status === 'rejected' || a.status === 'withdrawn') return a.ended_on ?? today();
  return today();
}

export async function getAdmission(ctx: AppContext, actor: Actor, id: number) {
  const a = await requireAdmission(ctx.db, actor, id);
  const asOf = checklistDate(a);
  const settings = await effectiveSettings(ctx.db, a.org_path);
  const [checklist, events, sponsors] = await Promise.all([
    checklistFor(ctx.db, a, settings, asOf),
    findAdmissionEvents(ctx.db, a.id),
    findSponsors(ctx.db, a.id),
  ]);
  const pendingApproval = a.status === 'candidate' && a.branch_vote_on != null;
  const state = await pathState(ctx.db, a);
  return {
    ...presentAdmission(actor, a, state),
    checklist: { asOf, items: checklist },
    settings,
    mentors: sponsors.filter((s) => s.role === 'mentor').map(({ role: _, ...s }) => s),
    introducers: sponsors.filter((s) => s.role === 'introducer').map(({ role: _, ...s }) => s),
    timeline: events.map((e) => ({
      step: e.step,
      label: ADMISSION_STEPS[e.step as keyof typeof ADMISSION_STEPS] ?? e.step,
      on: e.on_date,
      by: e.username,
      note: e.note,
      at: e.created_at,
    })),
    quotaWarning: pendingApproval
      ? await quotaWarning(ctx.db, a.org_path, Number(a.branch_vote_on!.slice(0, 4)))
      : null,
    votingMembers: a.status === 'candidate' ? await countMembersOfOrgOn(ctx.db, a.org_id, today()) : null,
    voteCorrectable: state.voteCorrectable,
  };
}

export async function exportAdmissions(
  ctx: AppContext,
  actor: Actor,
  query: AdmissionsQuery,
): Promise<Buffer> {
  const board = await listAdmissions(ctx, actor, query);
  const org = await requireOrgInScope(ctx.db, actor, board.org.code);
  const content = await xlsxOf(
    '发展团员',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '证件号码', key: 'id', width: 22 },
      { header: '团支部', key: 'org', width: 28 },
      { header: '状态', key: 'status', width: 10 },
      { header: '推荐方式', key: 'recommendedBy', width: 12 },
      { header: '思政课评价', key: 'civicsGrade', width: 10 },
      { header: '申请日期', key: 'appliedOn', width: 12 },
      { header: '谈话日期', key: 'talkOn', width: 12 },
      { header: '积极分子确定日期', key: 'activistOn', width: 14 },
      { header: '发展对象确定日期', key: 'candidateOn', width: 14 },
      { header: '支部大会日期', key: 'branchVoteOn', width: 12 },
      { header: '审批日期', key: 'approvedOn', width: 12 },
      { header: '入团日期', key: 'joinedOn', width: 12 },
      { header: '团员编号', key: 'memberNo', width: 14 },
      { header: '入团仪式日期', key: 'ceremonyOn', width: 12 },
      { header: '提醒', key: 'reminders', width: 30 },
    ],
    board.items.map((i) => ({
      ...i,
      name: i.person.name,
      id: i.person.idNumberMasked,
      org: i.org.name,
      status: ADMISSION_STATUSES[i.status as keyof typeof ADMISSION_STATUSES] ?? i.status,
      recommendedBy: i.recommendedBy
        ? (RECOMMENDED_BY[i.recommendedBy as keyof typeof RECOMMENDED_BY] ?? '')
        : '',
      reminders: i.reminders.map((r) => ADMISSION_REMINDERS[r]).join('；'),
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'admission',
    org: { path: org.path, code: org.code },
    summary: `导出 ${board.org.name} 发展团员名单 ${board.items.length} 条`,
    detail: query,
  });
  return content;
}
