import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { findPersonById, requirePersonInScope } from '../people/people.service.ts';
import { findActivityDetailed } from './activities.repository.ts';
import { requireActivityInScope } from './activities.service.ts';
import { requireReason } from './attendance.service.ts';
import { findEnrolmentsByIds } from './enrolments.repository.ts';
import { type RecordEvidence, volunteerHoursOf, writeRecord, writeRecords } from './records.ledger.ts';
import { findRecordById, findRevisions } from './records.repository.ts';
import type { Correction, Decision } from './volunteering.schemas.ts';

/** Confirming later than this after the activity ended needs a reason (and shows among the anomalies). */
export const LATE_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;

export function isLate(endsAt: string, atMs = Date.now()): boolean {
  return atMs - Date.parse(endsAt) > LATE_AFTER_DAYS * DAY_MS;
}

/**
 * "谁组织谁记录": the organiser confirms checked-out attendance, and only then do its hours enter the ledger.
 * Zero-hour attendance (under the rule's minimum) is confirmed without a record: there is nothing to count.
 */
export async function confirmAttendance(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  input: Decision,
  /** The demo data replays a past year; everyone else confirms now. */
  nowMs = Date.now(),
) {
  assertCan(actor, 'volunteer.write');
  return ctx.db.transaction().execute(async (trx) => {
    const a = await requireActivityInScope(trx, actor, activityId);
    const late = isLate(a.ends_at, nowMs);
    const reason = late
      ? requireReason('reason', input.reason, `活动结束超过${LATE_AFTER_DAYS}天后确认时长`)
      : input.reason?.trim() || null;
    const ids = [...new Set(input.enrolmentIds)];
    const rows = await findEnrolmentsByIds(trx, a.id, ids);
    if (rows.length !== ids.length)
      throw ValidationError.field('enrolmentIds', null, '部分报名记录不属于该活动');
    const now = nowIso();
    // Zero-hour attendance (under the rule's minimum) is confirmed without a record: there is nothing to count.
    const counted: { enrolmentId: number; personId: number; evidence: RecordEvidence }[] = [];
    for (const e of rows) {
      if (e.decision) throw new ConflictError('所选记录中有已经确认或驳回的，请刷新后重试');
      if (!e.checked_in_at || !e.checked_out_at || e.hours_hundredths == null)
        throw ValidationError.field('enrolmentIds', e.id, '所选志愿者中有尚未签到或签退的，不能确认');
      if (e.hours_hundredths <= 0) continue;
      counted.push({
        enrolmentId: e.id,
        personId: e.person_id,
        evidence: {
          hoursHundredths: e.hours_hundredths,
          checkedInAt: e.checked_in_at,
          checkedOutAt: e.checked_out_at,
          source: e.method === 'manual' ? 'manual' : 'checkin',
          enteredByUserId: e.entered_by_user_id,
          enteredAt: e.entered_at ?? e.checked_out_at,
          confirmedByUserId: actor.userId > 0 ? actor.userId : null,
          reason: [e.reason, reason].filter(Boolean).join('；') || null,
        },
      });
    }
    // One write of the whole event: the persons' previous dates are recomputed once, not once a person.
    const written = await writeRecords(trx, a, counted);
    const recordOf = new Map(counted.map((c, i) => [c.enrolmentId, written[i]!.id]));
    const hundredths = counted.reduce((sum, c) => sum + c.evidence.hoursHundredths, 0);
    for (const e of rows) {
      await trx
        .updateTable('volunteer_enrolments')
        .set({
          decision: 'confirmed',
          decided_by_user_id: actor.userId > 0 ? actor.userId : null,
          decided_at: now,
          record_id: recordOf.get(e.id) ?? null,
          updated_at: now,
        })
        .where('id', '=', e.id)
        .where('decision', 'is', null)
        .execute();
    }
    const confirmed = rows.length;
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_activity',
      entityId: a.code,
      org: { path: a.org_path, code: a.org_code },
      summary: `确认活动 ${a.title}（${a.code}）${confirmed} 人的服务时长，共 ${hoursOfHundredths(hundredths)} 小时`,
      detail: { enrolmentIds: ids, reason },
    });
    return { confirmed, hours: hoursOfHundredths(hundredths) };
  });
}

export async function rejectAttendance(ctx: AppContext, actor: Actor, activityId: number, input: Decision) {
  assertCan(actor, 'volunteer.write');
  const reason = requireReason('reason', input.reason, '不予确认');
  return ctx.db.transaction().execute(async (trx) => {
    const a = await requireActivityInScope(trx, actor, activityId);
    const ids = [...new Set(input.enrolmentIds)];
    const rows = await findEnrolmentsByIds(trx, a.id, ids);
    if (rows.length !== ids.length)
      throw ValidationError.field('enrolmentIds', null, '部分报名记录不属于该活动');
    if (rows.some((e) => e.decision)) throw new ConflictError('所选记录中有已经确认或驳回的，请刷新后重试');
    const now = nowIso();
    await trx
      .updateTable('volunteer_enrolments')
      .set({
        decision: 'rejected',
        decided_by_user_id: actor.userId > 0 ? actor.userId : null,
        decided_at: now,
        reason,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_activity',
      entityId: a.code,
      org: { path: a.org_path, code: a.org_code },
      summary: `不予确认活动 ${a.title}（${a.code}）${ids.length} 人的服务时长：${reason}`,
      detail: { enrolmentIds: ids, reason },
    });
    return { rejected: ids.length };
  });
}

/** A correction is a new revision with its reason; the earlier ones stay in the revisions table. */
export async function correctRecord(ctx: AppContext, actor: Actor, recordId: number, input: Correction) {
  assertCan(actor, 'volunteer.write');
  const reason = requireReason('reason', input.reason, '更正服务时长');
  const hundredths = Math.round(input.hours * 100);
  if (Math.abs(input.hours * 100 - hundredths) > 1e-6)
    throw ValidationError.field('hours', input.hours, '服务时长最多2位小数');
  return ctx.db.transaction().execute(async (trx) => {
    const record = await findInReach(
      actor,
      findRecordById(trx, recordId),
      (r) => r.org_path,
      '服务记录不存在',
    );
    const activity = (await findActivityDetailed(trx, record.activity_id))!;
    const written = await writeRecord(trx, activity, record.person_id, {
      hoursHundredths: hundredths,
      checkedInAt: record.checked_in_at,
      checkedOutAt: record.checked_out_at,
      source: 'correction',
      enteredByUserId: actor.userId > 0 ? actor.userId : null,
      enteredAt: nowIso(),
      confirmedByUserId: actor.userId > 0 ? actor.userId : null,
      reason,
    });
    const person = await findPersonById(trx, record.person_id);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_record',
      entityId: recordId,
      org: { path: record.org_path, code: activity.org_code },
      summary: `更正 ${person?.name ?? ''} 在活动 ${activity.title}（${activity.code}）的服务时长：${hoursOfHundredths(record.hours_hundredths)} → ${hoursOfHundredths(hundredths)} 小时（第 ${written.revision} 版）`,
      detail: { from: hoursOfHundredths(record.hours_hundredths), to: hoursOfHundredths(hundredths), reason },
    });
    return { recordId, revision: written.revision, hours: hoursOfHundredths(hundredths) };
  });
}

export async function recordRevisions(ctx: AppContext, actor: Actor, recordId: number) {
  assertCan(actor, 'volunteer.read');
  await findInReach(actor, findRecordById(ctx.db, recordId), (r) => r.org_path, '服务记录不存在');
  const rows = await findRevisions(ctx.db, recordId);
  return {
    items: rows.map((r) => ({
      revision: r.revision,
      hours: hoursOfHundredths(r.hours_hundredths),
      checkedInAt: r.checked_in_at,
      checkedOutAt: r.checked_out_at,
      source: r.source,
      enteredBy: r.entered_by,
      enteredAt: r.entered_at,
      confirmedBy: r.confirmed_by,
      confirmedAt: r.confirmed_at,
      reason: r.reason,
      at: r.at,
    })),
  };
}

/** A person's counted hours with evidence, for staff: the records they may see are those in their subtree. */
export async function personHours(
  ctx: AppContext,
  actor: Actor,
  personId: number,
  query: { from?: string; to?: string },
) {
  assertCan(actor, 'volunteer.read');
  const person = await requirePersonInScope(ctx.db, actor, personId);
  const to = query.to ?? today();
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw ValidationError.field('from', from, '开始日期不能晚于结束日期');
  const hours = await volunteerHoursOf(ctx.db, personId, from, to);
  return { ...hours, name: person.name, idNumberMasked: person.id_number_masked };
}
