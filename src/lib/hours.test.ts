import { describe, expect, it } from 'vitest';
import { formatHours, hoursOfHundredths, roundHours } from './hours.ts';

describe('hours (issue 17 item 10)', () => {
  it('rounds arithmetic on hours to hundredths', () => {
    expect(100 - 11.79).not.toBe(88.21);
    expect(roundHours(100 - 11.79)).toBe(88.21);
    expect(roundHours(0.1 + 0.2)).toBe(0.3);
    expect(roundHours(null)).toBe(0);
    expect(roundHours(-0.001)).toBe(0);
  });

  it('formats with at most two decimals and no trailing zeros', () => {
    expect(formatHours(100 - 11.79)).toBe('88.21');
    expect(formatHours(12.5)).toBe('12.5');
    expect(formatHours(100)).toBe('100');
    expect(formatHours(1.005 + 2)).toBe('3.01');
    expect(formatHours(undefined)).toBe('0');
  });

  it('reads stored hundredths, as numbers or as the strings a database sum may return', () => {
    expect(hoursOfHundredths(8821)).toBe(88.21);
    expect(hoursOfHundredths('1179')).toBe(11.79);
    expect(hoursOfHundredths(null)).toBe(0);
  });
});
