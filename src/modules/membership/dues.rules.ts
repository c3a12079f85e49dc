import type { DuesCategory } from './membership.labels.ts';

/** 团费 rules of 2016 (DOMAIN.md "Membership"), in fen. */
export const FLAT_DUES_FEN = 20;
export const LOW_INCOME_LIMIT_FEN = 200_000;
export const LOW_INCOME_DUES_FEN = 300;
export const DUES_CAP_FEN = 2_000;

/**
 * The monthly dues of a member: students, the unemployed and farmers 0.2 元; salaried under 2000 元 net
 * 3 元; from 2000 元, 2‰ of net income rounded down to whole yuan, at most 20 元.
 */
export function monthlyDuesFen(category: DuesCategory, monthlyIncomeFen: number | null): number {
  if (category !== 'salaried') return FLAT_DUES_FEN;
  const income = monthlyIncomeFen ?? 0;
  if (income < LOW_INCOME_LIMIT_FEN) return LOW_INCOME_DUES_FEN;
  // 2‰ of the income in yuan, whole yuan: income_fen × 2 / 1000 / 100, floored, then back to fen.
  const wholeYuan = Math.floor((income * 2) / 100_000);
  return Math.min(DUES_CAP_FEN, wholeYuan * 100);
}
