import { describe, expect, it } from 'vitest';
import { maskIdDocument, parseIdDocument, parseIdReference } from './id-document.ts';
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

describe('parseIdReference', () => {
  const resident = makeIdNumber('419901', '2006-03-04', 7);
  const taiwan = makeIdNumber('830000', '2001-02-03', 8);

  it('reads any registered document by its number alone: 18 characters by GB 11643, shorter as a passport', () => {
    expect(parseIdReference(` ${resident.toLowerCase()} `)).toMatchObject({
      ok: true,
      doc: { idType: 'resident_id', idNumber: resident },
    });
    expect(parseIdReference(taiwan)).toMatchObject({
      ok: true,
      doc: { idType: 'hkmt_residence_permit', idNumber: taiwan },
    });
    expect(parseIdReference('e1234 5678')).toMatchObject({
      ok: true,
      doc: { idType: 'passport', idNumber: 'E12345678' },
    });
  });

  it('says what an 18-character number gets wrong, and what else a number may be', () => {
    const badCheck = `${resident.slice(0, 17)}${resident[17] === '0' ? '1' : '0'}`;
    expect(parseIdReference(badCheck)).toEqual({ ok: false, reason: '身份证号校验位错误' });
    expect(parseIdReference('张三')).toEqual({
      ok: false,
      reason: '证件号码应为18位身份证号或港澳台居民居住证号码，或5至17位字母、数字的护照号码',
    });
  });

  it('with a 证件类型 checks the number against it', () => {
    expect(parseIdReference(resident, 'passport')).toEqual({
      ok: false,
      reason: '护照号码应为5至17位字母或数字',
    });
    expect(parseIdReference(taiwan, 'resident_id')).toMatchObject({ ok: false });
    expect(parseIdReference('E12345678', 'passport')).toMatchObject({ ok: true });
  });
});
