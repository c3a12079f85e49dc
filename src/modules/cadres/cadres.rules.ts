import { addYears } from '../../lib/dates.ts';

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

/** The day a term begun on `startedOn` is due to end (换届): begun on 29 February, 1 March of a common year. */
export function termEndsOn(startedOn: string, years: number): string {
  return addYears(startedOn, years);
}
