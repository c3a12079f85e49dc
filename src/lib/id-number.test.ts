import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, makeIdNumber, maskIdNumber, parseIdNumber } from './id-number.ts';

describe('idNumberCheckChar (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it('computes the check digit of the standard example', () => {
    // The example of GB 11643-1999 itself: 11010519491231002X.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('computes digit check characters', () => {
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(idNumberCheckChar('41142420050101001')).toBe('X');
  });
});

describe('parseIdNumber', () => {
  it('accepts a valid number and reads birth date, gender and region from it', () => {
    expect(parseIdNumber('440524199901010013')).toEqual({
      ok: true,
      info: { idNumber: '440524199901010013', birthDate: '1999-01-01', gender: '男', regionCode: '440524' },
    });
  });

  it('refuses a birth year before 1900', () => {
    expect(parseIdNumber('440524188001010014')).toEqual({
      ok: false,
      reason: '身份证号中的出生日期不是有效日期',
    });
  });

  it('accepts a final X, upper or lower case, and normalises it to upper case', () => {
    const upper = parseIdNumber('11010519491231002X');
    const lower = parseIdNumber('11010519491231002x');
    expect(upper).toMatchObject({ ok: true, info: { idNumber: '11010519491231002X', gender: '女' } });
    expect(lower).toEqual(upper);
    // The number of invalid/people-bad-checksum.csv row 3: valid, and male (17th digit odd).
    expect(parseIdNumber('41142420050101001X')).toMatchObject({
      ok: true,
      info: { gender: '男', birthDate: '2005-01-01' },
    });
  });

  it('reads an even sequence digit as female', () => {
    const id = makeIdNumber('419901', '2006-07-08', 22);
    expect(parseIdNumber(id)).toMatchObject({ ok: true, info: { gender: '女', birthDate: '2006-07-08' } });
  });

  it('refuses a wrong check digit', () => {
    // invalid/people-bad-checksum.csv row 2.
    expect(parseIdNumber('411424200501010012')).toEqual({ ok: false, reason: '身份证号校验位错误' });
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, reason: '身份证号校验位错误' });
  });

  it('refuses a birth date that is no date, even with a right check digit', () => {
    for (const birth of ['20230230', '20231301', '20230000', '20230431', '20210229']) {
      const first17 = `411424${birth}001`;
      const id = first17 + idNumberCheckChar(first17);
      expect(parseIdNumber(id)).toEqual({ ok: false, reason: '身份证号中的出生日期不是有效日期' });
    }
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseIdNumber(makeIdNumber('411424', '2004-02-29', 11))).toMatchObject({
      ok: true,
      info: { birthDate: '2004-02-29' },
    });
  });

  it('refuses wrong length and characters', () => {
    for (const bad of [
      '',
      '41142420050101001',
      '4114242005010100111',
      '41142420050101001Y',
      'X11424200501010011',
    ]) {
      expect(parseIdNumber(bad)).toEqual({ ok: false, reason: '身份证号应为18位，最后一位可为X' });
    }
  });

  it('trims surrounding spaces', () => {
    expect(parseIdNumber('  41142420050101001X ')).toMatchObject({ ok: true });
  });
});

describe('maskIdNumber', () => {
  it('keeps the first four and the last two characters only (DESIGN.md)', () => {
    expect(maskIdNumber('411424200501010011')).toBe('4114************11');
    expect(maskIdNumber('11010519491231002X')).toBe('1101************2X');
  });
});

describe('makeIdNumber', () => {
  it('builds numbers that parse', () => {
    for (let seq = 0; seq < 50; seq++) {
      expect(parseIdNumber(makeIdNumber('419901', '1999-12-31', seq)).ok).toBe(true);
    }
  });
});
