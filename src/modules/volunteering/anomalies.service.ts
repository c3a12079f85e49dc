import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { maskPhone, PHONE_PATTERN } from '../../lib/text.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { localTime } from './instants.ts';
import { type RecordSource, SOURCE_LABELS } from './records.ledger.ts';
import { isLate, LATE_AFTER_DAYS } from './records.service.ts';

/** One account entering this many attendances by hand in the period is worth a look. */
export const MANY_MANUAL_ENTRIES = 20;

/** An account named in a list: a login that is a phone number shows masked (issue 12, finding 10). */
function account(name: string | null): string | null {
  return name != null && PHONE_PATTERN.test(name) ? maskPhone(name) : name;
}

export interface Anomaly {
  kind: 'late_entry' | 'self_confirmed' | 'many_manual' | 'overlap';
  label: string;
  detail: string;
  personId: number | null;
  name: string | null;
  activityCodes: string[];
  recordIds: number[];
  userName: string | null;
}

async function recordsWithEvidence(db: Db, scopePath: string, from: string, to: string) {
  return db
    .selectFrom('volunteer_records as r')
    .innerJoin('volunteer_activities as a', 'a.id', 'r.activity_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('users as e', 'e.id', 'r.entered_by_user_id')
    .leftJoin('users as c', 'c.id', 'r.confirmed_by_user_id')
    .select([
      'r.id',
      'r.person_id',
      'r.source',
      'r.entered_at',
      'r.confirmed_at',
      'r.checked_in_at',
      'r.checked_out_at',
      'r.hours_hundredths',
      'a.code',
      'a.title',
      'a.starts_at',
      'a.ends_at',
      'p.name',
      'e.person_id as enterer_person_id',
      'e.display_name as enterer',
      'c.person_id as confirmer_person_id',
      'c.display_name as confirmer',
    ])
    .where('r.org_path', 'like', `${scopePath}%`)
    .where('a.start_date', '>=', from)
    .where('a.start_date', '<=', to)
    .orderBy('r.person_id')
    .orderBy('a.starts_at')
    .execute();
}

/**
 * Hours people can trust (issue 5): late entries, one's own hours confirmed by oneself, many manual entries
 * by one account, and one person in two overlapping activities. Imported history is exempt from lateness:
 * it is by nature entered after the fact, and its import is itself on record.
 */
export async function listAnomalies(
  ctx: AppContext,
  actor: Actor,
  query: { org?: string; from?: string; to?: string },
) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const to = query.to ?? today();
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  if (from > to) throw ValidationError.field('from', from, '开始日期不能晚于结束日期');
  const rows = await recordsWithEvidence(ctx.db, org.path, from, to);
  const items: Anomaly[] = [];
  for (const r of rows) {
    const enteredAt = r.entered_at ?? r.confirmed_at;
    if (r.source !== 'import' && enteredAt && isLate(r.ends_at, Date.parse(enteredAt))) {
      items.push({
        kind: 'late_entry',
        label: '逾期录入',
        detail: `活动于 ${localTime(r.ends_at)} 结束，时长于 ${localTime(enteredAt)} 录入（${SOURCE_LABELS[r.source as RecordSource] ?? r.source}），超过${LATE_AFTER_DAYS}天`,
        personId: r.person_id,
        name: r.name,
        activityCodes: [r.code],
        recordIds: [r.id],
        userName: account(r.enterer ?? r.confirmer),
      });
    }
    if (r.confirmer_person_id === r.person_id || r.enterer_person_id === r.person_id) {
      items.push({
        kind: 'self_confirmed',
        label: '本人录入或确认本人时长',
        detail: `${r.name} 在活动 ${r.title} 的 ${hoursOfHundredths(r.hours_hundredths)} 小时由本人账号${r.confirmer_person_id === r.person_id ? '确认' : '录入'}`,
        personId: r.person_id,
        name: r.name,
        activityCodes: [r.code],
        recordIds: [r.id],
        userName: account(r.confirmer_person_id === r.person_id ? r.confirmer : r.enterer),
      });
    }
  }
  // Overlaps: by each record's own check-in/out, else the activity's times.
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    for (let j = i + 1; j < rows.length && rows[j]!.person_id === a.person_id; j++) {
      const b = rows[j]!;
      const aStart = a.checked_in_at ?? a.starts_at;
      const aEnd = a.checked_out_at ?? a.ends_at;
      const bStart = b.checked_in_at ?? b.starts_at;
      const bEnd = b.checked_out_at ?? b.ends_at;
      if (bStart < aEnd && aStart < bEnd) {
        items.push({
          kind: 'overlap',
          label: '同一时间参加多项活动',
          detail: `${a.name} 的「${a.title}」（${localTime(aStart)}—${localTime(aEnd)}）与「${b.title}」（${localTime(bStart)}—${localTime(bEnd)}）时间重叠`,
          personId: a.person_id,
          name: a.name,
          activityCodes: [a.code, b.code],
          recordIds: [a.id, b.id],
          userName: null,
        });
      }
    }
  }
  const manual = await ctx.db
    .selectFrom('volunteer_enrolments as e')
    .innerJoin('volunteer_activities as a', 'a.id', 'e.activity_id')
    .innerJoin('users as u', 'u.id', 'e.entered_by_user_id')
    .select(['u.id', 'u.display_name', 'u.username'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.method', '=', 'manual')
    .where('a.org_path', 'like', `${org.path}%`)
    .where('a.start_date', '>=', from)
    .where('a.start_date', '<=', to)
    .groupBy(['u.id', 'u.display_name', 'u.username'])
    .having((eb) => eb.fn.countAll(), '>=', MANY_MANUAL_ENTRIES)
    .execute();
  for (const m of manual) {
    items.push({
      kind: 'many_manual',
      label: '大量手工补录',
      detail: `账号 ${account(m.display_name)}（${account(m.username)}）在 ${from} 至 ${to} 手工补录 ${Number(m.n)} 人次签到签退`,
      personId: null,
      name: null,
      activityCodes: [],
      recordIds: [],
      userName: account(m.display_name),
    });
  }
  return { from, to, items };
}
