/** Student organisations: their branches serve one-year terms (DOMAIN.md "Organisations"). */
const STUDENT_DOMAINS = new Set(['高校', '中职', '中学']);

/**
 * The length of a term in years: branches 3 (DOMAIN.md: 2–3, the longer by default), student branches 1;
 * committees of townships and above 5 (团章: 地方各级委员会每届任期五年).
 */
export function termYears(org: { kind: string; domain: string }): number {
  if (org.kind === 'branch' || org.kind === 'general_branch') return STUDENT_DOMAINS.has(org.domain) ? 1 : 3;
  return 5;
}

/** The day a term begun on `startedOn` is due to end (换届). */
export function termEndsOn(startedOn: string, years: number): string {
  const [y, m, d] = startedOn.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + n years lands on 1 March in a common year, which is the right day to be due.
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
