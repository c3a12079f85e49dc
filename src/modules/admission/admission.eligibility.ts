import type { Db } from '../../db/create-db.ts';
import { addDays, addMonths, ageOn } from '../../lib/dates.ts';
import { formatHours, hoursOfHundredths } from '../../lib/hours.ts';
import { attendanceOf } from '../schools/schools.service.ts';
import type { AdmissionSettings } from './admission-settings.service.ts';
import { volunteerHoursOf } from './volunteer-hours.source.ts';

/** A record that proves (or fails to prove) a condition. */
export type Evidence =
  | {
      kind: 'class';
      code: string;
      title: string;
      on: string;
      hours: number;
      result: string;
      counted: boolean;
    }
  | { kind: 'volunteer'; code: string; title: string; on: string; hours: number };

export interface ChecklistItem {
  key: 'age' | 'talk' | 'activist_period' | 'class_hours' | 'civics_grade' | 'volunteer_hours';
  label: string;
  /** rule: the league's own rules; local: set by the county for its subtree. */
  source: 'rule' | 'local';
  /** The stage this condition must be met before reaching. */
  neededFor: 'activist' | 'candidate';
  met: boolean;
  detail: string;
  evidence: Evidence[];
}

interface AdmissionFacts {
  person_id: number;
  birth_date: string;
  applied_on: string;
  talk_on: string | null;
  activist_on: string | null;
  civics_grade: string | null;
}

const GOOD_CIVICS = ['优秀', '良好'];

/**
 * The checklist of DOMAIN.md "Admission" for one applicant as of a date: each condition met or not, with
 * the records behind it. Records after `asOf` do not count: a step is judged on what was true on its date.
 */
export async function checklistFor(
  db: Db,
  a: AdmissionFacts,
  settings: AdmissionSettings,
  asOf: string,
): Promise<ChecklistItem[]> {
  const items: ChecklistItem[] = [];
  const age = ageOn(a.birth_date, a.applied_on);
  items.push({
    key: 'age',
    label: '申请时年满14周岁、不超过28周岁',
    source: 'rule',
    neededFor: 'activist',
    met: age >= 14 && age <= 28,
    detail: `申请日期 ${a.applied_on}，时年 ${age} 周岁`,
    evidence: [],
  });
  items.push({
    key: 'talk',
    label: '团支部已与申请人谈话',
    source: 'rule',
    neededFor: 'activist',
    met: a.talk_on != null && a.talk_on <= asOf,
    detail: a.talk_on ? `谈话日期 ${a.talk_on}` : `尚未谈话（应在 ${addMonths(a.applied_on, 1)} 前）`,
    evidence: [],
  });
  const periodEnd = a.activist_on ? addMonths(a.activist_on, 3) : null;
  items.push({
    key: 'activist_period',
    label: '入团积极分子培养教育满3个月',
    source: 'rule',
    neededFor: 'candidate',
    met: periodEnd != null && asOf >= periodEnd,
    detail: a.activist_on
      ? `确定为积极分子 ${a.activist_on}，满3个月之日 ${periodEnd}`
      : '尚未确定为入团积极分子',
    evidence: [],
  });

  const classes = await attendanceOf(db, a.person_id, asOf);
  const classTenths = classes.filter((c) => c.result === 'passed').reduce((s, c) => s + c.hours_tenths, 0);
  items.push({
    key: 'class_hours',
    label: `团课学习不少于${settings.minClassHours}学时（考核合格）`,
    source: settings.minClassHours > 8 ? 'local' : 'rule',
    neededFor: 'candidate',
    met: classTenths >= settings.minClassHours * 10,
    detail: `已合格 ${formatHours(classTenths / 10)} 学时，要求 ${settings.minClassHours} 学时`,
    evidence: classes.map((c) => ({
      kind: 'class',
      code: c.code,
      title: c.title,
      on: c.held_on,
      hours: c.hours_tenths / 10,
      result: c.result === 'passed' ? '合格' : '不合格',
      counted: c.result === 'passed',
    })),
  });

  if (settings.civicsRequired) {
    items.push({
      key: 'civics_grade',
      label: '思政课评价为优秀或良好',
      source: 'local',
      neededFor: 'candidate',
      met: a.civics_grade != null && GOOD_CIVICS.includes(a.civics_grade),
      detail: a.civics_grade ? `思政课评价：${a.civics_grade}` : '尚未登记思政课评价',
      evidence: [],
    });
  }
  if (settings.minVolunteerHours > 0) {
    const from = addDays(addMonths(asOf, -12), 1);
    const records = await volunteerHoursOf(db, a.person_id, from, asOf);
    const total = records.reduce((s, r) => s + r.hoursHundredths, 0);
    items.push({
      key: 'volunteer_hours',
      label: `近12个月志愿服务不少于${settings.minVolunteerHours}小时`,
      source: 'local',
      neededFor: 'candidate',
      met: total >= settings.minVolunteerHours * 100,
      detail: `${from} 至 ${asOf} 志愿服务 ${formatHours(hoursOfHundredths(total))} 小时，要求 ${settings.minVolunteerHours} 小时`,
      evidence: records.map((r) => ({
        kind: 'volunteer',
        code: r.activityCode,
        title: r.activityTitle,
        on: r.on,
        hours: r.hoursHundredths / 100,
      })),
    });
  }
  return items;
}

/** The conditions that stand in the way of reaching `stage`, as Chinese reasons. */
export function unmetFor(items: ChecklistItem[], stage: 'activist' | 'candidate'): string[] {
  const order = { activist: 0, candidate: 1 };
  return items
    .filter((i) => !i.met && order[i.neededFor] <= order[stage])
    .map((i) => `未满足「${i.label}」：${i.detail}`);
}
