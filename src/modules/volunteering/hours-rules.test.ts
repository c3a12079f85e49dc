import { describe, expect, it } from 'vitest';
import { hoursFromTimes, starLevelOf } from './hours-rules.ts';
import { makeScanToken, readScanToken } from './qr-token.ts';

const activity = { starts_at: '2026-03-05T01:00:00.000Z', ends_at: '2026-03-05T04:00:00.000Z' };
const at = (hhmm: string) => `2026-03-05T${hhmm}:00.000Z`;

describe('hours from check-in/out', () => {
  const exact = { minMinutes: 15, minSharePercent: 0, roundingMinutes: 1 };
  it('counts under 15 minutes as 0 and exactly 15 minutes as 0.25 hours', () => {
    expect(hoursFromTimes(at('01:00'), at('01:14'), activity, exact)).toBe(0);
    expect(hoursFromTimes(at('01:00'), at('01:15'), activity, exact)).toBe(25);
  });
  it('is capped by the activity length', () => {
    expect(hoursFromTimes(at('00:00'), at('06:00'), activity, exact)).toBe(300);
  });
  it('applies the minimum share and rounds down to the step', () => {
    const rule = { minMinutes: 0, minSharePercent: 50, roundingMinutes: 30 };
    expect(hoursFromTimes(at('01:00'), at('02:29'), activity, rule)).toBe(0);
    expect(hoursFromTimes(at('01:00'), at('02:30'), activity, rule)).toBe(150);
    expect(hoursFromTimes(at('01:00'), at('02:59'), activity, rule)).toBe(150);
  });
});

describe('star levels (DOMAIN.md: 100/300/600/1000/1500 hours)', () => {
  it('changes exactly at each threshold', () => {
    const cases: [number, number][] = [
      [9999, 0],
      [10000, 1],
      [29999, 1],
      [30000, 2],
      [59999, 2],
      [60000, 3],
      [99999, 3],
      [100000, 4],
      [149999, 4],
      [150000, 5],
      [1000000, 5],
    ];
    for (const [hundredths, level] of cases) expect(starLevelOf(hundredths), String(hundredths)).toBe(level);
  });
});

describe('QR scan tokens', () => {
  const secret = 'a-secret-of-sufficient-length-for-tests';
  it('reads back what it signed until it expires', () => {
    const now = Date.parse('2026-03-05T01:00:00Z');
    const { token } = makeScanToken(secret, 42, 'out', now, 120);
    expect(readScanToken(secret, token, now + 119_000)).toEqual({ activityId: 42, action: 'out' });
    expect(() => readScanToken(secret, token, now + 121_000)).toThrow(/已过期/);
  });
  it('refuses a token whose activity or action was altered', () => {
    const { token } = makeScanToken(secret, 42, 'out');
    expect(() => readScanToken(secret, token.replace(/^42\.out/, '43.out'))).toThrow(/无效/);
    expect(() => readScanToken(secret, token.replace('.out.', '.in.'))).toThrow(/无效/);
  });
});
