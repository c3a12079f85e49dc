import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { addMonths, ageOn, today, workingDaysBetween } from '../../lib/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { parseIdNumber } from '../../lib/id-number.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { nextNumber } from '../numbering/numbering.service.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { admitToLeague, findPersonById } from '../people/people.service.ts';
import { checklistFor, unmetFor } from './admission.eligibility.ts';
import { ADMISSION_STEPS, CIVICS_GRADES, RECOMMENDED_BY } from './admission.labels.ts';
import { assertBranchStep } from './admission.policy.ts';
import { getAdmission, requireAdmissionFor } from './admission.read.ts';
import {
  type AdmissionRow,
  findAdmissionById,
  findOpenAdmissionOf,
  insertAdmission,
  insertAdmissionEvent,
  isMemberNoTaken,
  maxMemberNoOfYear,
  replaceSponsors,
  updateAdmission,
} from './admission.repository.ts';
import type {
  ActivistInput,
  ApplyInput,
  ApproveInput,
  CandidateInput,
  DatedInput,
  EndInput,
} from './admission.schemas.ts';
import { effectiveSettings, quotaWarning } from './admission-settings.service.ts';

type Step = keyof typeof ADMISSION_STEPS;

export function refuse(field: string, value: unknown, reason: string): never {
  throw ValidationError.field(field, value, reason);
}

export function refuseAll(reasons: string[]): never {
  throw new ValidationError(
    reasons.join('；'),
    reasons.map((reason) => ({ row: null, column: null, value: null, reason })),
  );
}

/** A step's date: a real date, not in the future, not before the step it follows. */
export function checkDate(field: string, on: string, after: { date: string | null; label: string }): void {
  if (on > today()) refuse(field, on, '日期不能晚于今天');
  if (after.date && on < after.date) refuse(field, on, `日期不能早于${after.label}（${after.date}）`);
}

/** Writes a step: the ledger row, the timeline, the audit entry — in one transaction. */
export async function recordStep(
  db: Db,
  actor: Actor,
  a: AdmissionRow,
  step: Step,
  on: string,
  note: string | null,
  detail?: unknown,
): Promise<void> {
  await insertAdmissionEvent(db, {
    admission_id: a.id,
    org_id: a.org_id,
    org_path: a.org_path,
    step,
    on_date: on,
    user_id: actor.userId > 0 ? actor.userId : null,
    username: actor.username,
    note,
    created_at: nowIso(),
  });
  await recordAudit(db, actor, {
    action: step === 'applied' ? 'create' : 'update',
    entity: 'admission',
    entityId: a.id,
    org: { path: a.org_path, code: a.org_code },
    summary: `发展团员 ${a.person_name}（${a.id_number_masked}）：${ADMISSION_STEPS[step]} ${on}${note ? `，${note}` : ''}`,
    detail,
  });
}

async function checklistAt(db: Db, a: AdmissionRow, asOf: string) {
  return checklistFor(db, a, await effectiveSettings(db, a.org_path), asOf);
}

export async function applyForAdmission(ctx: AppContext, actor: Actor, input: ApplyInput) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const branch = await requireOrgInScope(trx, actor, input.orgCode);
    // The same rule as the board's 'apply' (mayApply), with its reason.
    assertBranchStep(actor, branch);
    if (branch.kind !== 'branch') refuse('orgCode', input.orgCode, '入团申请应交到团支部');
    const person = await findPersonById(trx, input.personId);
    if (!person) throw new NotFoundError('人员不存在');
    if (['league_member', 'probationary_party_member', 'party_member'].includes(person.political_status))
      refuse('personId', input.personId, `${person.name} 已是共青团员或党员，无需申请入团`);
    if (await findOpenAdmissionOf(trx, person.id))
      throw new ConflictError(`${person.name} 已有一份在办的入团申请`);
    checkDate('appliedOn', input.appliedOn, { date: null, label: '' });
    // DOMAIN.md: 14 to 28 on the date of application, by the birth date the identity number carries.
    const parsed = parseIdNumber(ctx.cipher.decrypt(person.id_number_enc));
    const birthDate = parsed.ok ? parsed.info.birthDate : person.birth_date;
    const age = ageOn(birthDate, input.appliedOn);
    if (age < 14 || age > 28)
      refuse('appliedOn', input.appliedOn, `申请时 ${age} 周岁，入团年龄应为14至28周岁`);
    if (input.civicsGrade && !(CIVICS_GRADES as readonly string[]).includes(input.civicsGrade))
      refuse('civicsGrade', input.civicsGrade, `思政课评价应为：${CIVICS_GRADES.join(' / ')}`);
    const now = nowIso();
    const newId = await insertAdmission(trx, {
      person_id: person.id,
      org_id: branch.id,
      org_path: branch.path,
      applied_on: input.appliedOn,
      recommended_by: null,
      civics_grade: input.civicsGrade ?? null,
      status: 'applied',
      created_at: now,
      updated_at: now,
    });
    const a = (await findAdmissionById(trx, newId))!;
    await recordStep(trx, actor, a, 'applied', input.appliedOn, null, input);
    return newId;
  });
  return getAdmission(ctx, actor, id);
}

export async function recordTalk(ctx: AppContext, actor: Actor, id: number, input: DatedInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'talk');
    checkDate('on', input.on, { date: a.applied_on, label: '申请日期' });
    await updateAdmission(trx, a.id, { talk_on: input.on, updated_at: nowIso() });
    const late = input.on > addMonths(a.applied_on, 1) ? '（超过申请后一个月）' : '';
    await recordStep(trx, actor, a, 'talk', input.on, (input.note ?? '') + late || null, input);
  });
  return getAdmission(ctx, actor, id);
}

export async function recordCivicsGrade(ctx: AppContext, actor: Actor, id: number, grade: string) {
  if (!(CIVICS_GRADES as readonly string[]).includes(grade))
    refuse('grade', grade, `思政课评价应为：${CIVICS_GRADES.join(' / ')}`);
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'civics-grade');
    await updateAdmission(trx, a.id, { civics_grade: grade, updated_at: nowIso() });
    await recordStep(trx, actor, a, 'civics', today(), `思政课评价 ${grade}`, { grade });
  });
  return getAdmission(ctx, actor, id);
}

/** Sponsors must exist, be in reach, differ from the applicant and hold the political status asked. */
async function checkSponsors(
  db: Db,
  actor: Actor,
  a: AdmissionRow,
  ids: number[],
  field: string,
  label: string,
  statuses: string[],
): Promise<void> {
  if (new Set(ids).size !== ids.length) refuse(field, ids.join(','), `${label}不能重复`);
  for (const pid of ids) {
    if (pid === a.person_id) refuse(field, pid, `申请人本人不能担任${label}`);
    const p = await findPersonById(db, pid);
    if (!p?.scope_path.startsWith(actor.scopePath)) refuse(field, pid, `${label}（编号 ${pid}）不存在`);
    if (!statuses.includes(p.political_status)) {
      const need = statuses.length > 1 ? '共青团员或党员' : '共青团员';
      refuse(field, pid, `${p.name} 不是${need}，不能担任${label}`);
    }
  }
}

export async function makeActivist(ctx: AppContext, actor: Actor, id: number, input: ActivistInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'activist');
    checkDate('on', input.on, {
      date: a.talk_on ?? a.applied_on,
      label: a.talk_on ? '谈话日期' : '申请日期',
    });
    if (!['pioneer_recommendation', 'member_recommendation'].includes(input.recommendedBy))
      refuse('recommendedBy', input.recommendedBy, '推荐方式应为少先队推优或团员推荐');
    if (input.mentorIds.length < 1 || input.mentorIds.length > 2)
      refuse('mentorIds', input.mentorIds.length, '应确定一至两名培养联系人');
    await checkSponsors(trx, actor, a, input.mentorIds, 'mentorIds', '培养联系人', [
      'league_member',
      'probationary_party_member',
      'party_member',
    ]);
    const unmet = unmetFor(await checklistAt(trx, a, input.on), 'activist');
    if (unmet.length > 0) refuseAll(unmet);
    await updateAdmission(trx, a.id, {
      status: 'activist',
      activist_on: input.on,
      recommended_by: input.recommendedBy,
      updated_at: nowIso(),
    });
    await replaceSponsors(trx, a.id, 'mentor', input.mentorIds);
    await recordStep(trx, actor, a, 'activist', input.on, RECOMMENDED_BY[input.recommendedBy], input);
  });
  return getAdmission(ctx, actor, id);
}

export async function makeCandidate(ctx: AppContext, actor: Actor, id: number, input: CandidateInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'candidate');
    checkDate('on', input.on, { date: a.activist_on, label: '确定积极分子日期' });
    if (input.publicityFrom < input.on)
      refuse('publicityFrom', input.publicityFrom, '公示应在确定发展对象之后开始');
    // DOMAIN.md step 4: 公示 at least 5 working days (weekends excluded).
    const days = workingDaysBetween(input.publicityFrom, input.publicityTo);
    if (days < 5)
      refuse(
        'publicityTo',
        input.publicityTo,
        `公示期 ${input.publicityFrom} 至 ${input.publicityTo} 仅 ${days} 个工作日，应不少于5个工作日`,
      );
    if (input.introducerIds.length !== 2)
      refuse('introducerIds', input.introducerIds.length, '应有两名入团介绍人');
    await checkSponsors(trx, actor, a, input.introducerIds, 'introducerIds', '入团介绍人', ['league_member']);
    const unmet = unmetFor(await checklistAt(trx, a, input.on), 'candidate');
    if (unmet.length > 0) refuseAll(unmet);
    await updateAdmission(trx, a.id, {
      status: 'candidate',
      candidate_on: input.on,
      publicity_from: input.publicityFrom,
      publicity_to: input.publicityTo,
      updated_at: nowIso(),
    });
    await replaceSponsors(trx, a.id, 'introducer', input.introducerIds);
    await recordStep(
      trx,
      actor,
      a,
      'candidate',
      input.on,
      `公示 ${input.publicityFrom} 至 ${input.publicityTo}`,
      input,
    );
  });
  return getAdmission(ctx, actor, id);
}

/** 团员编号: 12 digits, the year of joining first, then a number unique within that year (DOMAIN.md). */
async function nextMemberNo(db: Db, year: string): Promise<string> {
  const format = (n: number) => `${year}${String(n).padStart(8, '0')}`;
  const next = await nextNumber(db, 'member_no', year, {
    highest: async () => {
      const max = await maxMemberNoOfYear(db, year);
      return max ? Number(max.slice(4)) : 0;
    },
    isTaken: (n) => isMemberNoTaken(db, format(n)),
  });
  if (next > 99_999_999) throw new ConflictError(`${year} 年的团员编号已用完`);
  return format(next);
}

export async function approveAdmission(ctx: AppContext, actor: Actor, id: number, input: ApproveInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'approve');
    // refusalOf('approve') lets through only a path whose branch vote passed.
    const joinedOn = a.branch_vote_on!;
    checkDate('on', input.on, { date: joinedOn, label: '支部大会日期' });
    const warning = await quotaWarning(trx, a.org_path, Number(joinedOn.slice(0, 4)));
    if (warning && !input.acceptQuotaWarning)
      throw new ConflictError(`${warning}。确认仍要批准请勾选“知悉超出名额”`, { quotaWarning: warning });
    const memberNo = await nextMemberNo(trx, joinedOn.slice(0, 4));
    const now = nowIso();
    await updateAdmission(trx, a.id, {
      status: 'admitted',
      approved_on: input.on,
      joined_on: joinedOn,
      member_no: memberNo,
      updated_at: now,
    });
    // The person becomes 共青团员 of that branch, from the date of the vote.
    await admitToLeague(trx, a.person_id, {
      org: { id: a.org_id, path: a.org_path },
      joinedOn,
      memberNo,
      now,
    });
    await recordStep(
      trx,
      actor,
      a,
      'approved',
      input.on,
      `团员编号 ${memberNo}${warning ? `；${warning}` : ''}`,
      input,
    );
  });
  return getAdmission(ctx, actor, id);
}

export async function recordCeremony(ctx: AppContext, actor: Actor, id: number, input: DatedInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'ceremony');
    checkDate('on', input.on, { date: a.joined_on, label: '入团日期' });
    await updateAdmission(trx, a.id, { ceremony_on: input.on, updated_at: nowIso() });
    const late = a.joined_on && input.on > addMonths(a.joined_on, 3) ? '（超过入团后3个月）' : '';
    await recordStep(trx, actor, a, 'ceremony', input.on, (input.note ?? '') + late || null, input);
  });
  return getAdmission(ctx, actor, id);
}

/** Rejection (by the branch or the committee above) and withdrawal (by the branch) end the path with a reason. */
export async function endAdmission(
  ctx: AppContext,
  actor: Actor,
  id: number,
  how: 'rejected' | 'withdrawn',
  input: EndInput,
) {
  const reason = input.reason.trim();
  if (reason.length < 2) refuse('reason', input.reason, '请填写原因');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, how === 'rejected' ? 'reject' : 'withdraw');
    checkDate('on', input.on, { date: a.applied_on, label: '申请日期' });
    await updateAdmission(trx, a.id, {
      status: how,
      ended_on: input.on,
      end_reason: reason,
      updated_at: nowIso(),
    });
    await recordStep(trx, actor, a, how, input.on, reason, input);
  });
  return getAdmission(ctx, actor, id);
}
