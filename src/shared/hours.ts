/**
 * Volunteer hours are stored as integer hundredths of an hour. Every hours figure shown or exported goes through
 * these helpers, so that sums and differences done in floating point never show as 88.21000000000001
 * (issue 17 item 10): at most two decimals, trailing zeros dropped.
 */

/** Hours from stored hundredths (a sum from the database may come back as a string or bigint). */
export function hoursOfHundredths(hundredths: number | string | bigint | null | undefined): number {
  return Math.round(Number(hundredths ?? 0)) / 100;
}

/** An hours figure rounded to hundredths (for a result of arithmetic on hours). */
export function roundHours(hours: number | null | undefined): number {
  const n = Number(hours ?? 0);
  if (!Number.isFinite(n)) return 0;
  return Math.round(n * 100) / 100 || 0;
}

/** An hours figure as text: at most two decimals, trailing zeros dropped ("88.21", "12.5", "100"). */
export function formatHours(hours: number | null | undefined): string {
  return String(roundHours(hours));
}
