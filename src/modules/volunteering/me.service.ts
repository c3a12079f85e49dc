import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { addDays, localDateOf, today } from '../../lib/dates.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formatHours, hoursOfHundredths } from '../../lib/hours.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { findPersonById } from '../people/people.service.ts';
import { findPersonIdOfUser } from '../users/users.service.ts';
import { findActivitiesNotOver, findActivityDetailed } from './activities.repository.ts';
import { presentActivity } from './activities.service.ts';
import { cancelSignUp, scanAttendance, signUpPerson } from './attendance.service.ts';
import { listCertificatesOf, volunteerNo } from './certificates.service.ts';
import { findPersonEnrolments } from './enrolments.repository.ts';
import { STAR_THRESHOLDS, starLabel, starLevelOf, YEARLY_HOURS_TARGET } from './hours-rules.ts';
import { readScanToken } from './qr-token.ts';
import { volunteerHoursOf } from './records.ledger.ts';
import { requireOwnPerson } from './registrations.service.ts';

/** The subtree a young person browses: his account's county (or the account's org when above county). */
async function browsePath(db: Db, actor: Actor): Promise<string> {
  const ids = actor.orgPath.split('/').filter(Boolean).map(Number);
  const orgs = await db.selectFrom('orgs').select(['id', 'path', 'level']).where('id', 'in', ids).execute();
  return orgs.find((o) => o.level === 'county')?.path ?? actor.orgPath;
}

/** His own page: this year's hours toward the admission condition, the cumulative star level, certificates. */
export async function myOverview(ctx: AppContext, actor: Actor) {
  const personId = await requireOwnPerson(ctx.db, actor);
  const person = (await findPersonById(ctx.db, personId))!;
  const to = today();
  const year = await volunteerHoursOf(ctx.db, personId, `${to.slice(0, 4)}-01-01`, to);
  const all = await volunteerHoursOf(ctx.db, personId, '1900-01-01', '9999-12-31');
  const level = starLevelOf(all.totalHundredths);
  const next = STAR_THRESHOLDS.find((t) => t.level === level + 1);
  const enrolments = await findPersonEnrolments(ctx.db, personId);
  return {
    name: person.name,
    idNumberMasked: person.id_number_masked,
    volunteerNo: volunteerNo(personId),
    year: {
      from: year.from,
      to: year.to,
      hours: year.totalHours,
      target: YEARLY_HOURS_TARGET,
      percent: Math.min(100, Math.round((year.totalHours / YEARLY_HOURS_TARGET) * 100)),
    },
    totalHours: all.totalHours,
    star: {
      level,
      label: starLabel(level),
      nextLabel: next?.label ?? null,
      hoursToNext: next ? hoursOfHundredths(Math.max(0, next.hours * 100 - all.totalHundredths)) : null,
    },
    records: all.records.reverse(),
    enrolments: enrolments.map((e) => ({
      activityId: e.activity_id,
      code: e.code,
      title: e.title,
      orgName: e.org_name,
      place: e.place,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      status: e.status,
      checkedInAt: e.checked_in_at,
      checkedOutAt: e.checked_out_at,
      hours: e.hours_hundredths == null ? null : hoursOfHundredths(e.hours_hundredths),
      decision: e.decision,
    })),
    certificates: await listCertificatesOf(ctx.db, personId),
  };
}

/**
 * What waits on his side (the to-do centre, issue 15), from the same enrolments his page lists: activities he
 * signed up for that start tomorrow, and attendance he checked out of that the organiser has not yet decided.
 * An account not yet linked to a person has nothing waiting (his page says why).
 */
export async function myWaiting(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'volunteer.self');
  const personId = await findPersonIdOfUser(ctx.db, actor.userId);
  if (!personId) return { tomorrow: 0, awaitingConfirmation: 0 };
  const rows = await findPersonEnrolments(ctx.db, personId);
  const tomorrow = addDays(today(), 1);
  return {
    tomorrow: rows.filter((e) => e.status === 'signed_up' && localDateOf(e.starts_at) === tomorrow).length,
    awaitingConfirmation: rows.filter((e) => e.checked_out_at != null && e.decision == null).length,
  };
}

/** Activities open for sign-up in his county, soonest first. */
export async function openActivities(ctx: AppContext, actor: Actor) {
  const personId = await requireOwnPerson(ctx.db, actor);
  const path = await browsePath(ctx.db, actor);
  const now = nowIso();
  const rows = await findActivitiesNotOver(ctx.db, path, now, 200);
  const mine = new Set(
    (await findPersonEnrolments(ctx.db, personId))
      .filter((e) => e.status === 'signed_up')
      .map((e) => e.activity_id),
  );
  return {
    items: rows.map((a) => {
      const view = presentActivity(a);
      const closes = a.signup_closes_at ?? a.ends_at;
      const open = (!a.signup_opens_at || a.signup_opens_at <= now) && now < closes;
      const full = a.capacity != null && view.signedUp >= a.capacity;
      return { ...view, signedUpByMe: mine.has(a.id), open, full };
    }),
  };
}

export async function signUp(ctx: AppContext, actor: Actor, activityId: number) {
  const personId = await requireOwnPerson(ctx.db, actor);
  const path = await browsePath(ctx.db, actor);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await findActivityDetailed(trx, activityId);
    if (!a?.org_path.startsWith(path)) throw new NotFoundError('志愿服务活动不存在');
    const { enrolmentId } = await signUpPerson(trx, activityId, personId);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'volunteer_enrolment',
      entityId: enrolmentId,
      org: { path: a.org_path, code: a.org_code },
      summary: `报名志愿服务活动 ${a.title}（${a.code}）`,
    });
    return { enrolmentId, status: 'signed_up' };
  });
}

export async function cancel(ctx: AppContext, actor: Actor, activityId: number) {
  const personId = await requireOwnPerson(ctx.db, actor);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await findActivityDetailed(trx, activityId);
    if (!a) throw new NotFoundError('志愿服务活动不存在');
    await cancelSignUp(trx, activityId, personId);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_enrolment',
      entityId: a.code,
      org: { path: a.org_path, code: a.org_code },
      summary: `取消报名志愿服务活动 ${a.title}（${a.code}）`,
    });
    return { status: 'cancelled' };
  });
}

/** The phone opened the link in the organiser's QR code: check in or out, once. */
export async function scan(ctx: AppContext, actor: Actor, token: string) {
  const personId = await requireOwnPerson(ctx.db, actor);
  const { activityId, action } = readScanToken(ctx.config.secret, token);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await findActivityDetailed(trx, activityId);
    if (!a) throw new NotFoundError('志愿服务活动不存在');
    const result = await scanAttendance(trx, a, personId, action);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_enrolment',
      entityId: a.code,
      org: { path: a.org_path, code: a.org_code },
      summary: `${action === 'in' ? '扫码签到' : '扫码签退'}：${a.title}（${a.code}）${result.hours == null ? '' : `，计 ${formatHours(result.hours)} 小时（待确认）`}`,
    });
    return { activityTitle: a.title, ...result };
  });
}
