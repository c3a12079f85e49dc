import type { AppContext } from '../../context.ts';
import { type Db, dialect, nowIso } from '../../db/create-db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { requirePersonInScope } from '../people/people.service.ts';
import { requireActivityInScope } from './activities.service.ts';
import {
  countSignedUp,
  type EnrolmentRow,
  findActivityEnrolments,
  findEnrolment,
  insertEnrolment,
  updateEnrolmentIf,
} from './enrolments.repository.ts';
import { hoursFromTimes, ruleOf } from './hours-rules.ts';
import { localTime, parseInstant } from './instants.ts';
import type { ActivityRow } from './records.repository.ts';
import type { ManualAttendance } from './volunteering.schemas.ts';

/** QR check-in opens an hour before the start; check-out closes two hours after the end (then: manual entry). */
const CHECK_IN_EARLY_MS = 60 * 60_000;
const CHECK_OUT_LATE_MS = 2 * 60 * 60_000;
const MIN_REASON = 4;

export function requireReason(field: string, reason: string | null | undefined, what: string): string {
  const text = reason?.trim() ?? '';
  if (text.length < MIN_REASON)
    throw ValidationError.field(field, reason, `${what}必须填写原因（至少${MIN_REASON}个字）`);
  return text;
}

/** Locks the activity row on PostgreSQL so concurrent sign-ups cannot both take the last place. */
async function lockActivity(trx: Db, id: number): Promise<ActivityRow> {
  let q = trx.selectFrom('volunteer_activities').selectAll().where('id', '=', id);
  if (dialect(trx) === 'postgres') q = q.forUpdate();
  const a = await q.executeTakeFirst();
  if (!a) throw new NotFoundError('志愿服务活动不存在');
  return a;
}

/** Sign-up of a person for an activity: within the recruitment window and the capacity. */
export async function signUpPerson(trx: Db, activityId: number, personId: number, nowMs = Date.now()) {
  const a = await lockActivity(trx, activityId);
  const now = new Date(nowMs).toISOString();
  if (a.signup_opens_at && now < a.signup_opens_at)
    throw new ValidationError(`报名尚未开始，开始时间为 ${localTime(a.signup_opens_at)}`);
  const closes = a.signup_closes_at ?? a.ends_at;
  if (now >= closes) throw new ValidationError(`报名已截止（截止时间 ${localTime(closes)}）`);
  const existing = await findEnrolment(trx, activityId, personId);
  if (existing?.status === 'signed_up') throw new ConflictError('您已报名该活动');
  if (a.capacity != null && (await countSignedUp(trx, activityId)) >= a.capacity)
    throw new ConflictError(`报名人数已满（招募 ${a.capacity} 人）`);
  if (existing) {
    await trx
      .updateTable('volunteer_enrolments')
      .set({ status: 'signed_up', signed_up_at: now, cancelled_at: null, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return { activity: a, enrolmentId: existing.id };
  }
  const enrolmentId = await insertEnrolment(trx, {
    activity_id: activityId,
    person_id: personId,
    status: 'signed_up',
    signed_up_at: now,
    created_at: now,
    updated_at: now,
  });
  return { activity: a, enrolmentId };
}

export async function cancelSignUp(trx: Db, activityId: number, personId: number) {
  const e = await findEnrolment(trx, activityId, personId);
  if (e?.status !== 'signed_up') throw new NotFoundError('您没有报名该活动');
  if (e.checked_in_at) throw new ValidationError('已签到，不能取消报名');
  const now = nowIso();
  await trx
    .updateTable('volunteer_enrolments')
    .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
    .where('id', '=', e.id)
    .execute();
}

/** A check-in or check-out by the volunteer's own phone (the QR), exactly once each. */
export async function scanAttendance(
  trx: Db,
  activity: Pick<
    ActivityRow,
    'id' | 'starts_at' | 'ends_at' | 'min_minutes' | 'min_share_percent' | 'rounding_minutes'
  >,
  personId: number,
  action: 'in' | 'out',
  nowMs = Date.now(),
) {
  const e = await findEnrolment(trx, activity.id, personId);
  if (e?.status !== 'signed_up') throw new ValidationError('您没有报名该活动，请先报名或联系组织者');
  const now = new Date(nowMs).toISOString();
  if (action === 'in') {
    if (nowMs < Date.parse(activity.starts_at) - CHECK_IN_EARLY_MS)
      throw new ValidationError(`签到尚未开始：活动 ${localTime(activity.starts_at)} 开始，提前1小时可签到`);
    if (now >= activity.ends_at) throw new ValidationError('活动已结束，不能再签到，请联系组织者补录');
    if (e.checked_in_at) throw new ConflictError(`您已于 ${localTime(e.checked_in_at)} 签到，无需重复签到`);
    const ok = await updateEnrolmentIf(
      trx,
      e.id,
      { checked_in_at: now, method: 'qr', updated_at: now },
      'not_checked_in',
    );
    if (!ok) throw new ConflictError('您已签到，无需重复签到');
    return { action, at: now, hours: null };
  }
  if (!e.checked_in_at) throw new ValidationError('您还没有签到，不能签退');
  if (e.checked_out_at) throw new ConflictError(`您已于 ${localTime(e.checked_out_at)} 签退`);
  if (nowMs > Date.parse(activity.ends_at) + CHECK_OUT_LATE_MS)
    throw new ValidationError('已超过签退时间（活动结束后2小时），请联系组织者补录');
  const hours = hoursFromTimes(e.checked_in_at, now, activity, ruleOf(activity));
  const ok = await updateEnrolmentIf(
    trx,
    e.id,
    { checked_out_at: now, hours_hundredths: hours, updated_at: now },
    'checked_in_not_out',
  );
  if (!ok) throw new ConflictError('您已签退');
  return { action, at: now, hours: hoursOfHundredths(hours) };
}

/**
 * The organiser's fallback: times entered by hand, with a reason, for a volunteer who could not scan or whose scan
 * is wrong; still to be confirmed before they count.
 */
export async function enterAttendance(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  input: ManualAttendance,
) {
  assertCan(actor, 'volunteer.write');
  const reason = requireReason('reason', input.reason, '手工补录');
  const checkedInAt = parseInstant('checkedInAt', input.checkedInAt, '签到时间');
  const checkedOutAt = parseInstant('checkedOutAt', input.checkedOutAt, '签退时间');
  if (checkedOutAt <= checkedInAt)
    throw ValidationError.field('checkedOutAt', input.checkedOutAt, '签退时间应晚于签到时间');
  return ctx.db.transaction().execute(async (trx) => {
    const a = await requireActivityInScope(trx, actor, activityId);
    if (checkedInAt >= a.ends_at || checkedOutAt <= a.starts_at)
      throw ValidationError.field('checkedInAt', input.checkedInAt, '签到、签退时间与活动时间没有重叠');
    if (Date.now() < Date.parse(checkedOutAt))
      throw ValidationError.field('checkedOutAt', input.checkedOutAt, '签退时间不能晚于现在');
    // A walk-in is enrolled as he is recorded: only a person the caller reads (his list's reach) may be named.
    const person = await requirePersonInScope(trx, actor, input.personId);
    let e: EnrolmentRow | undefined = await findEnrolment(trx, a.id, person.id);
    const now = nowIso();
    if (!e) {
      // A walk-in the organiser vouches for: he joins the activity as he is recorded.
      await insertEnrolment(trx, {
        activity_id: a.id,
        person_id: person.id,
        status: 'signed_up',
        signed_up_at: now,
        created_at: now,
        updated_at: now,
      });
      e = (await findEnrolment(trx, a.id, person.id))!;
    }
    if (e.decision) throw new ConflictError('该志愿者的时长已经确认或驳回，如需修改请更正服务记录');
    // A scan that is wrong (a volunteer who scanned out early got 0 hours) is corrected the same way, with a
    // reason; the scanned times stay in the audit entry as the evidence the correction replaced.
    const scanned =
      e.method === 'qr' && e.checked_in_at
        ? {
            checkedInAt: e.checked_in_at,
            checkedOutAt: e.checked_out_at,
            hours: e.hours_hundredths == null ? null : hoursOfHundredths(e.hours_hundredths),
          }
        : null;
    const hours = hoursFromTimes(checkedInAt, checkedOutAt, a, ruleOf(a));
    await trx
      .updateTable('volunteer_enrolments')
      .set({
        status: 'signed_up',
        checked_in_at: checkedInAt,
        checked_out_at: checkedOutAt,
        method: 'manual',
        entered_by_user_id: actor.userId > 0 ? actor.userId : null,
        entered_at: now,
        reason,
        hours_hundredths: hours,
        updated_at: now,
      })
      .where('id', '=', e.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_enrolment',
      entityId: e.id,
      org: { path: a.org_path, code: a.org_code },
      summary: `${scanned ? '更正' : '手工补录'} ${person.name} 在活动 ${a.title}（${a.code}）的签到签退：${localTime(checkedInAt)} 至 ${localTime(checkedOutAt)}，${hoursOfHundredths(hours)} 小时${scanned ? `（原扫码 ${localTime(scanned.checkedInAt)} 至 ${scanned.checkedOutAt ? localTime(scanned.checkedOutAt) : '未签退'}，${scanned.hours ?? 0} 小时）` : ''}`,
      detail: { ...input, reason, ...(scanned ? { scanned } : {}) },
    });
    return { enrolmentId: e.id, hours: hoursOfHundredths(hours) };
  });
}

export function presentEnrolment(e: Awaited<ReturnType<typeof findActivityEnrolments>>[number]) {
  return {
    id: e.id,
    personId: e.person_id,
    name: e.name,
    idNumberMasked: e.id_number_masked,
    status: e.status,
    signedUpAt: e.signed_up_at,
    checkedInAt: e.checked_in_at,
    checkedOutAt: e.checked_out_at,
    method: e.method,
    enteredBy: e.entered_by,
    enteredAt: e.entered_at,
    reason: e.reason,
    hours: e.hours_hundredths == null ? null : hoursOfHundredths(e.hours_hundredths),
    decision: e.decision,
    decidedBy: e.decided_by,
    decidedAt: e.decided_at,
    recordId: e.record_id,
  };
}

export async function listEnrolments(ctx: AppContext, actor: Actor, activityId: number) {
  assertCan(actor, 'volunteer.read');
  const a = await requireActivityInScope(ctx.db, actor, activityId);
  const rows = await findActivityEnrolments(ctx.db, a.id);
  return { items: rows.map(presentEnrolment) };
}
