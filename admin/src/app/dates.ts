import dayjs, { type Dayjs } from 'dayjs';
import { localDateTimeOf, today } from '../../../src/lib/dates';

/**
 * The platform's calendar is Asia/Shanghai's (DESIGN.md), whatever zone the browser is set to: a
 * laptop left on UTC must not show yesterday as "today" between 00:00 and 08:00 Beijing time, nor
 * leave today's records out of a period ending "today". The server's own `today` says which day it is.
 */
export { today };

/** This year in Asia/Shanghai. */
export function thisYear(): number {
  return Number(today().slice(0, 4));
}

/** Today in Asia/Shanghai as the browser's midnight of that date, for pickers and period presets. */
export function todayAsDayjs(): Dayjs {
  return dayjs(today());
}

/** `2026-03-05 09:00` (or `09:00:00` with seconds) in Beijing time; `—` for none. */
export function beijingTime(iso: string | null | undefined, { seconds = false } = {}): string {
  if (!iso) return '—';
  if (Number.isNaN(Date.parse(iso))) return iso;
  return localDateTimeOf(iso).slice(0, seconds ? 19 : 16);
}

/**
 * A date-time picker shows the browser's wall clock; the clerk means Beijing's. These two carry an
 * instant in and out of a picker as Beijing's wall clock, so 08:00 picked anywhere is 08:00 in Beijing.
 */
export function pickerOfInstant(iso: string): Dayjs {
  return dayjs(localDateTimeOf(iso));
}

export function instantOfPicker(picked: Dayjs): string {
  return new Date(`${picked.format('YYYY-MM-DDTHH:mm:ss')}+08:00`).toISOString();
}
