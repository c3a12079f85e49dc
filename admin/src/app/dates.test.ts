import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPeriod } from '../features/reports/reportApi';
import { beijingTime, instantOfPicker, pickerOfInstant, thisYear, today, todayAsDayjs } from './dates';

describe('the admin calendar is Asia/Shanghai, whatever the browser’s zone', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    // A browser on UTC−8: 16:30 UTC on 31 December is already 1 January 00:30 in Beijing.
    process.env.TZ = 'America/Los_Angeles';
    vi.useFakeTimers({ now: new Date('2026-12-31T16:30:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
    process.env.TZ = zone;
  });

  it('gives Beijing’s date, not the browser’s', () => {
    expect(new Date().getDate()).toBe(31);
    expect(today()).toBe('2027-01-01');
    expect(thisYear()).toBe(2027);
    expect(todayAsDayjs().format('YYYY-MM-DD')).toBe('2027-01-01');
  });

  it('makes a report’s default period end on Beijing’s today', () => {
    expect(defaultPeriod()).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });
});

describe('instants are shown and picked in Beijing time, whatever the browser’s zone', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('shows an instant as Beijing’s wall clock', () => {
    expect(beijingTime('2026-12-03T16:30:05Z')).toBe('2026-12-04 00:30');
    expect(beijingTime('2026-12-03T16:30:05Z', { seconds: true })).toBe('2026-12-04 00:30:05');
    expect(beijingTime(null)).toBe('—');
  });

  it('puts an instant in a picker as Beijing’s wall clock and reads it back', () => {
    const picked = pickerOfInstant('2026-12-05T00:00:00Z');
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-12-05 08:00');
    expect(instantOfPicker(picked)).toBe('2026-12-05T00:00:00.000Z');
    // 08:00 picked on a laptop set to Los Angeles still means 08:00 in Beijing.
    expect(instantOfPicker(dayjs('2026-12-06 08:00'))).toBe('2026-12-06T00:00:00.000Z');
  });
});
