/**
 * How served time becomes counted hours (issue 5, "谁组织谁记录"). The rule is configurable per org and
 * copied into each activity, so a later change of the org's rule never recomputes past activities.
 */
export interface HoursRule {
  /** Attendance shorter than this counts 0 (e.g. 15: under a quarter of an hour is not service). */
  minMinutes: number;
  /** Attendance below this share of the activity's length counts 0 (0: no minimum share). */
  minSharePercent: number;
  /** Served minutes are rounded down to a multiple of this (1: exact to the minute). */
  roundingMinutes: number;
}

export const DEFAULT_HOURS_RULE: HoursRule = { minMinutes: 15, minSharePercent: 0, roundingMinutes: 1 };

const MINUTE_MS = 60_000;

export function minutesBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / MINUTE_MS);
}

/** Hours in hundredths for whole minutes, rounded to the nearest hundredth (hours are stored so). */
export function minutesToHundredths(minutes: number): number {
  return Math.round((minutes * 100) / 60);
}

/**
 * Hundredths of an hour for a check-in/out pair: capped by the activity's length (time outside it is not
 * service; travel is excluded by DOMAIN.md), then the minimum length, the minimum share, the rounding.
 */
export function hoursFromTimes(
  checkedInAt: string,
  checkedOutAt: string,
  activity: { starts_at: string; ends_at: string },
  rule: HoursRule,
): number {
  const activityMinutes = minutesBetween(activity.starts_at, activity.ends_at);
  const served = Math.min(Math.max(0, minutesBetween(checkedInAt, checkedOutAt)), activityMinutes);
  if (served < rule.minMinutes) return 0;
  if (activityMinutes > 0 && served * 100 < activityMinutes * rule.minSharePercent) return 0;
  const step = Math.max(1, rule.roundingMinutes);
  return minutesToHundredths(Math.floor(served / step) * step);
}

/** The activity's length in hundredths: no record may exceed it (IMPORT-SPEC.md, and the live rule). */
export function activityHundredths(activity: { starts_at: string; ends_at: string }): number {
  return minutesToHundredths(minutesBetween(activity.starts_at, activity.ends_at));
}

export function ruleOf(a: {
  min_minutes: number;
  min_share_percent: number;
  rounding_minutes: number;
}): HoursRule {
  return {
    minMinutes: a.min_minutes,
    minSharePercent: a.min_share_percent,
    roundingMinutes: a.rounding_minutes,
  };
}

export function checkRule(rule: HoursRule): string | null {
  if (!Number.isInteger(rule.minMinutes) || rule.minMinutes < 0 || rule.minMinutes > 240)
    return '最短计时应为 0 至 240 分钟的整数';
  if (!Number.isInteger(rule.minSharePercent) || rule.minSharePercent < 0 || rule.minSharePercent > 100)
    return '最低出勤比例应为 0 至 100 的整数';
  if (!Number.isInteger(rule.roundingMinutes) || rule.roundingMinutes < 1 || rule.roundingMinutes > 60)
    return '计时取整单位应为 1 至 60 分钟的整数';
  return null;
}

/** DOMAIN.md: 星级志愿者 by cumulative hours. */
export const STAR_THRESHOLDS = [
  { level: 1, label: '一星', hours: 100 },
  { level: 2, label: '二星', hours: 300 },
  { level: 3, label: '三星', hours: 600 },
  { level: 4, label: '四星', hours: 1000 },
  { level: 5, label: '五星', hours: 1500 },
] as const;

/** The star level reached with these cumulative hours (in hundredths); 0 below 100 hours. */
export function starLevelOf(hundredths: number): number {
  let level = 0;
  for (const t of STAR_THRESHOLDS) if (hundredths >= t.hours * 100) level = t.level;
  return level;
}

export function starLabel(level: number): string | null {
  return STAR_THRESHOLDS.find((t) => t.level === level)?.label ?? null;
}

/** The admission condition (DOMAIN.md "Admission"): 20 hours of volunteer service a year. */
export const YEARLY_HOURS_TARGET = 20;
