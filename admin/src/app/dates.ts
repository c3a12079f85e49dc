import dayjs, { type Dayjs } from 'dayjs';
import { today } from '../../../src/lib/dates';

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
