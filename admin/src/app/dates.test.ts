import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPeriod } from '../features/reports/reportApi';
import { thisYear, today, todayAsDayjs } from './dates';

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
