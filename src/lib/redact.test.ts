import { describe, expect, it } from 'vitest';
import { redact, redactUrl } from './redact.ts';

describe('redact', () => {
  it('masks 18- and 15-digit identity numbers and 11-digit mobiles, wherever they stand in the text', () => {
    expect(redact('q=41142420050101001X&x')).toBe('q=4114************1X&x');
    expect(redact('"41142420050101001x"')).toBe('"4114************1X"');
    expect(redact('旧证 411424050101001 号')).toBe('旧证 4114************01 号');
    expect(redact('{"phone":"13912344568"}')).toBe('{"phone":"139****4568"}');
    expect(redact('user 13912344568 created')).toBe('user 139****4568 created');
  });

  it('catches full-width digits typed with a Chinese input method', () => {
    expect(redact('４１１４２４２００５０１０１００１Ｘ')).toBe('4114************1X');
    expect(redact('１３９１２３４４５６８')).toBe('139****4568');
  });

  it('leaves other numbers alone: member numbers, dates, amounts, longer runs', () => {
    for (const s of [
      '202000000001',
      '2026-12-02',
      '12345.67',
      '1234567890123456789012',
      'id=12',
      '23912344568',
    ])
      expect(redact(s)).toBe(s);
  });
});

describe('redact and digests', () => {
  it('leaves a checksum whole although it holds a run that looks like a mobile, and still masks one glued to letters', () => {
    const sha = 'b2c1de7f35fe99f215433b84b27ebdb028c12981334698d83e63799f8b5743b8';
    expect(redact(`导入 人员 校验和 ${sha}`)).toBe(`导入 人员 校验和 ${sha}`);
    expect(redact('user13912345678 登录')).toBe('user139****5678 登录');
  });
});

describe('redactUrl', () => {
  it('redacts the query string, decoded, and keeps the path', () => {
    expect(redactUrl('/api/people?org=SL-A&q=41142420050101001X')).toBe(
      '/api/people?org=SL-A&q=4114************1X',
    );
    expect(redactUrl('/api/people?q=%E5%BC%A0%2013912344568')).toBe('/api/people?q=张 139****4568');
    expect(redactUrl('/api/people/12')).toBe('/api/people/12');
    expect(redactUrl('/api/people?q=%E0%A4%A&p=13912344568')).toBe('/api/people?q=%E0%A4%A&p=139****4568');
  });
});
