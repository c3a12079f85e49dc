import { describe, expect, it } from 'vitest';
import { monthlyDuesFen } from './dues.rules.ts';

describe('monthly dues (DOMAIN.md 团费)', () => {
  it.each([
    ['student', null, 20],
    ['farmer', null, 20],
    ['unemployed', 500_000, 20],
    ['salaried', 0, 300],
    ['salaried', 199_999, 300],
    ['salaried', 200_000, 400],
    ['salaried', 249_999, 400],
    ['salaried', 250_000, 500],
    ['salaried', 549_900, 1_000],
    ['salaried', 999_999, 1_900],
    ['salaried', 1_000_000, 2_000],
    ['salaried', 5_000_000, 2_000],
  ] as const)('%s earning %s fen pays %s fen', (category, income, fen) => {
    expect(monthlyDuesFen(category, income)).toBe(fen);
  });
});
