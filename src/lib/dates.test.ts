import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsToMonth,
  addYears,
  ageOn,
  dateFromSheetCell,
  dateTimeFromSheetCell,
  daysBetween,
  isRealDate,
  isWeekend,
  lastDayOfMonth,
  localDateOf,
  monthRange,
  parseDate,
  parseDateTime,
  workingDaysBetween,
} from './dates.ts';

describe('parseDate', () => {
  it.each([
    ['2023-05-04', '2023-05-04'],
    ['2023/5/4', '2023-05-04'],
    ['2023.5.4', '2023-05-04'],
    ['2023年5月4日', '2023-05-04'],
    ['2023年05月04日', '2023-05-04'],
    ['2023-5-4', '2023-05-04'],
    ['2023/12/31', '2023-12-31'],
    ['  2023-05-04  ', '2023-05-04'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    '2023-02-30',
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023/5/0',
    '20230504',
    '23-05-04',
    '2023-05',
    '2023年5月',
    'abc',
    '',
    '2023-05-04 09:30',
  ])('refuses %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('parseDateTime (Asia/Shanghai, UTC+8)', () => {
  it.each([
    ['2023-05-04 09:30', '2023-05-04T01:30:00.000Z'],
    ['2023-05-04 09:30:15', '2023-05-04T01:30:15.000Z'],
    ['2023/5/4 9:05', '2023-05-04T01:05:00.000Z'],
    ['2023.5.4 18:00', '2023-05-04T10:00:00.000Z'],
    ['2023年5月4日 08:00', '2023-05-04T00:00:00.000Z'],
    ['2023-05-04 07:59:59', '2023-05-03T23:59:59.000Z'],
    ['2023-01-01 00:00', '2022-12-31T16:00:00.000Z'],
    ['2023-05-04', '2023-05-03T16:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDateTime(input)).toBe(expected);
  });

  it.each([
    '2023-05-04 24:00',
    '2023-05-04 12:60',
    '2023-05-04 12:30:60',
    '2023-02-30 10:00',
    '2023-05-04 10',
    '2023-05-04 10:00 PM',
    'yesterday',
  ])('refuses %j', (input) => {
    expect(parseDateTime(input)).toBeNull();
  });
});

describe('isRealDate', () => {
  it('knows leap years and month lengths', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2023, 4, 30)).toBe(true);
    expect(isRealDate(2023, 4, 31)).toBe(false);
    expect(isRealDate(2023, 0, 1)).toBe(false);
    expect(isRealDate(2023, 1, 0)).toBe(false);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2023, 12, 31)).toBe(true);
    expect(isRealDate(2023, 13, 1)).toBe(false);
    expect(isRealDate(999, 1, 1)).toBe(false);
    expect(isRealDate(2023.5, 1, 1)).toBe(false);
  });
});

describe('sheet cells and local dates', () => {
  it('reads an xlsx date cell (UTC midnight of the wall-clock value) as its calendar date', () => {
    expect(dateFromSheetCell(new Date(Date.UTC(2023, 4, 4)))).toBe('2023-05-04');
  });

  it('reads an xlsx date-time cell as Shanghai wall-clock time', () => {
    expect(dateTimeFromSheetCell(new Date(Date.UTC(2023, 4, 4, 9, 30)))).toBe('2023-05-04T01:30:00.000Z');
  });

  it('gives the Shanghai calendar date of an instant', () => {
    expect(localDateOf('2023-05-03T16:00:00.000Z')).toBe('2023-05-04');
    expect(localDateOf('2023-05-03T15:59:59.000Z')).toBe('2023-05-03');
  });

  it('counts age in whole years, birthday reached or not', () => {
    expect(ageOn('2005-05-04', '2019-05-03')).toBe(13);
    expect(ageOn('2005-05-04', '2019-05-04')).toBe(14);
    expect(ageOn('2004-02-29', '2018-02-28')).toBe(13);
    expect(ageOn('2004-02-29', '2018-03-01')).toBe(14);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-12-30', 3, '2027-01-02'],
    ['2027-01-02', -3, '2026-12-30'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-05-04', 0, '2026-05-04'],
    ['2026-01-31', 365, '2027-01-31'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it('counts whole days, b − a, across month ends, leap days and year boundaries', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2027-01-01', '2026-12-31')).toBe(-1);
    expect(daysBetween('2026-05-04', '2026-05-04')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('undoes addDays', () => {
    for (const days of [-400, -31, -1, 0, 1, 28, 29, 365, 1000])
      expect(daysBetween('2024-02-29', addDays('2024-02-29', days))).toBe(days);
  });
});

describe('addMonths (the same day, or the last day of a shorter month)', () => {
  it.each([
    ['2026-02-02', 3, '2026-05-02'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-15', -12, '2025-03-15'],
    ['2026-08-31', -6, '2026-02-28'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-01-31', -13, '2024-12-31'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-05-04', 0, '2026-05-04'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('addYears (29 February falls on 1 March, as birthdays do)', () => {
  it.each([
    ['1998-12-01', 28, '2026-12-01'],
    ['2000-02-29', 28, '2028-02-29'],
    ['2000-02-29', 1, '2001-03-01'],
    ['2024-02-29', 1, '2025-03-01'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2000-02-29', 100, '2100-03-01'],
    ['2026-02-28', -2, '2024-02-28'],
    ['2026-03-01', -28, '1998-03-01'],
    ['2028-02-29', -1, '2027-03-01'],
    ['2026-12-31', 1, '2027-12-31'],
  ])('%s + %i years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('agrees with ageOn: the day addYears gives is the birthday ageOn counts', () => {
    for (const birth of ['2004-02-29', '2005-03-01', '2005-02-28', '2005-12-31']) {
      const day = addYears(birth, 14);
      expect(ageOn(birth, day)).toBe(14);
      expect(ageOn(birth, addDays(day, -1))).toBe(13);
    }
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    ['2026-01-05', '2026-01-31'],
    ['2026-02-01', '2026-02-28'],
    ['2024-02-10', '2024-02-29'],
    ['1900-02-10', '1900-02-28'],
    ['2000-02-10', '2000-02-29'],
    ['2026-04-30', '2026-04-30'],
    ['2026-12-31', '2026-12-31'],
  ])('of %s is %s', (date, expected) => {
    expect(lastDayOfMonth(date)).toBe(expected);
  });
});

describe('working days', () => {
  it('knows weekends', () => {
    expect(isWeekend('2026-05-02')).toBe(true);
    expect(isWeekend('2026-05-03')).toBe(true);
    expect(isWeekend('2026-05-04')).toBe(false);
  });

  it('counts weekdays, both ends included', () => {
    expect(workingDaysBetween('2026-05-04', '2026-05-08')).toBe(5);
    expect(workingDaysBetween('2026-05-06', '2026-05-12')).toBe(5);
    expect(workingDaysBetween('2026-05-08', '2026-05-11')).toBe(2);
    expect(workingDaysBetween('2026-05-08', '2026-05-13')).toBe(4);
    expect(workingDaysBetween('2026-05-02', '2026-05-03')).toBe(0);
    expect(workingDaysBetween('2026-12-28', '2027-01-08')).toBe(10);
    expect(workingDaysBetween('2026-05-08', '2026-05-04')).toBe(0);
  });
});

describe('YYYY-MM months', () => {
  it.each([
    ['2026-11', 3, '2027-02'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-05', -17, '2024-12'],
    ['2026-05', 0, '2026-05'],
    ['2026-05', 24, '2028-05'],
  ])('%s + %i months is %s', (month, n, expected) => {
    expect(addMonthsToMonth(month, n)).toBe(expected);
  });

  it('lists the months of a range, both ends included, across a year boundary', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthRange('2026-05', '2026-04')).toEqual([]);
  });
});
