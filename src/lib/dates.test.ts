import { describe, expect, it } from 'vitest';
import {
  ageOn,
  dateFromSheetCell,
  dateTimeFromSheetCell,
  isRealDate,
  localDateOf,
  parseDate,
  parseDateTime,
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
