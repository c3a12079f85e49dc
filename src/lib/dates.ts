/**
 * Calendar dates are `YYYY-MM-DD` strings everywhere (DESIGN.md); date-times are ISO-8601 UTC strings.
 * Input date-times without a zone are local time of Asia/Shanghai (UTC+8, no daylight saving).
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date of the Gregorian calendar, years 1000–9999 (an import checks two on every row). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function partsOf(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

const DAY_MS = 86_400_000;

function dayNumberOf(date: string): number {
  const [y, m, d] = partsOf(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The date `days` later (negative: earlier). */
export function addDays(date: string, days: number): string {
  const t = new Date((dayNumberOf(date) + days) * DAY_MS);
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` (b − a; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/**
 * The same day `months` later (negative: earlier); a day the target month lacks becomes its last day
 * (01-31 + 1 → 02-28, 08-31 − 6 → 02-28). The rule of every "n months" period: 培养期满3个月, 6 months
 * without league life.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = partsOf(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return formatDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * The same calendar day `years` later (negative: earlier); 29 February falls on 1 March in a common year.
 * The rule of birthdays (`ageOn`: born 29 February, a year older on 1 March) and so of ageing out and terms.
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = partsOf(date);
  return d > daysInMonth(y + years, m) ? formatDate(y + years, 3, 1) : formatDate(y + years, m, d);
}

/** The last day of the date's month: `2024-02-10` → `2024-02-29`. */
export function lastDayOfMonth(date: string): string {
  const [y, m] = partsOf(date);
  return formatDate(y, m, daysInMonth(y, m));
}

export function isWeekend(date: string): boolean {
  const day = new Date(dayNumberOf(date) * DAY_MS).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * Working days from `from` to `to`, both included. Weekends are excluded; public holidays and their
 * make-up working days are not known to the platform, so a 公示 spanning a holiday should be longer.
 */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (!isWeekend(d)) n++;
  return n;
}

/** A `YYYY-MM` month `n` months later (negative: earlier): `2026-11` + 3 → `2027-02`. */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = partsOf(month);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  return `${pad(year, 4)}-${pad(total - year * 12 + 1)}`;
}

/** The `YYYY-MM` months from `from` to `to`, both included; none when `to` is earlier. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}

const DATE_PART = String.raw`(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?`;
const DATE_ONLY = new RegExp(`^${DATE_PART}$`);
const DATE_TIME = new RegExp(`^${DATE_PART}(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$`);

/** `2023-05-04`, `2023/5/4`, `2023.5.4`, `2023年5月4日` → `2023-05-04`; null when not a real date. */
export function parseDate(text: string): string | null {
  const m = DATE_ONLY.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? formatDate(y, mo, d) : null;
}

/** A date with an optional ` HH:mm[:ss]`, read as Asia/Shanghai local time → ISO UTC string. */
export function parseDateTime(text: string): string | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - SHANGHAI_OFFSET_MS).toISOString();
}

/** The Asia/Shanghai wall clock at an instant, `YYYY-MM-DD HH:mm:ss`. */
export function localDateTimeOf(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date | string): string {
  return localDateTimeOf(instant).slice(0, 10);
}

/**
 * An xlsx date cell arrives as a JS Date at UTC midnight of the sheet's wall-clock value
 * (ExcelJS reads serials without a zone), so the UTC fields are the calendar fields.
 */
export function dateFromSheetCell(value: Date): string {
  return formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

export function dateTimeFromSheetCell(value: Date): string {
  return new Date(value.getTime() - SHANGHAI_OFFSET_MS).toISOString();
}

export function today(): string {
  return localDateOf(new Date());
}

/** Whole years between a birth date and a date, as age is counted (birthday reached or not). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Age in whole years today: what lists and exports show beside a masked identity number instead of the birth
 * date, which would fill in the mask's hidden digits (DESIGN.md).
 */
export function ageToday(birthDate: string): number {
  return ageOn(birthDate, today());
}
