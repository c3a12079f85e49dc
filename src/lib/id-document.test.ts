import { describe, expect, it } from 'vitest';
import { maskIdDocument, parseIdDocument } from './id-document.ts';
import { makeIdNumber } from './id-number.ts';

describe('parseIdDocument', () => {
  const resident = makeIdNumber('419901', '2006-03-04', 7);
  const hongKong = makeIdNumber('810000', '1999-12-31', 12);

  it('derives sex and birth date from a 居民身份证 and from a 港澳台居民居住证', () => {
    expect(parseIdDocument('resident_id', resident)).toEqual({
      ok: true,
      doc: { idType: 'resident_id', idNumber: resident, derived: { birthDate: '2006-03-04', gender: '男' } },
    });
    const permit = parseIdDocument('hkmt_residence_permit', ` ${hongKong.toLowerCase()} `);
    expect(permit).toMatchObject({ ok: true, doc: { derived: { birthDate: '1999-12-31', gender: '女' } } });
  });

  it('refuses a permit number as 居民身份证 and a resident number as permit, saying which type fits', () => {
    expect(parseIdDocument('resident_id', hongKong)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('港澳台居民居住证'),
    });
    expect(parseIdDocument('hkmt_residence_permit', resident)).toEqual({
      ok: false,
      reason: '港澳台居民居住证号码应以81（香港）、82（澳门）或83（台湾）开头',
    });
    const badCheck = `${hongKong.slice(0, 17)}${hongKong[17] === '0' ? '1' : '0'}`;
    expect(parseIdDocument('hkmt_residence_permit', badCheck)).toEqual({
      ok: false,
      reason: '港澳台居民居住证号码校验位错误',
    });
  });

  it('takes a passport number as typed, without sex or birth date, and checks its form', () => {
    expect(parseIdDocument('passport', 'e1234 5678')).toEqual({
      ok: true,
      doc: { idType: 'passport', idNumber: 'E12345678', derived: null },
    });
    for (const bad of ['E12', 'ABCDEFGHI', 'E1234-5678'])
      expect(parseIdDocument('passport', bad)).toEqual({
        ok: false,
        reason: '护照号码应为5至17位字母或数字',
      });
  });

  it('masks a passport so that most of it stays hidden', () => {
    expect(maskIdDocument('passport', 'E12345678')).toBe('E************78');
    expect(maskIdDocument('hkmt_residence_permit', hongKong)).toBe(`8100************${hongKong.slice(-2)}`);
  });
});
