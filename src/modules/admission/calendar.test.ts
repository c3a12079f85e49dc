import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, workingDaysBetween } from './calendar.ts';

describe('admission calendar', () => {
  it('adds months, keeping the last day of a shorter month', () => {
    expect(addMonths('2026-02-02', 3)).toBe('2026-05-02');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -12)).toBe('2025-03-15');
  });

  it('counts working days with both ends included and weekends left out', () => {
    // Wednesday 6 May to Tuesday 12 May 2026: 6, 7, 8, 11, 12.
    expect(workingDaysBetween('2026-05-06', '2026-05-12')).toBe(5);
    // Friday 8 May to Wednesday 13 May: 8, 11, 12, 13.
    expect(workingDaysBetween('2026-05-08', '2026-05-13')).toBe(4);
    expect(workingDaysBetween('2026-05-09', '2026-05-10')).toBe(0);
    expect(workingDaysBetween('2026-05-12', '2026-05-06')).toBe(0);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });
});
