import { describe, expect, it } from 'vitest';
import { fenToYuan, parseYuan, parseYuanNumber } from './money.ts';

describe('parseYuan', () => {
  it.each([
    ['1,234.50', 123450],
    ['1234.5元', 123450],
    ['1234.5 元', 123450],
    ['1234', 123400],
    ['0.01', 1],
    ['0.1', 10],
    ['¥88.08', 8808],
    ['￥1,000,000', 100000000],
    ['  12.34  ', 1234],
    ['-5', -500],
    ['0', 0],
  ])('reads %j as %i fen', (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, fen });
  });

  it('is exact in fen where floating point is not', () => {
    // 0.1 + 0.2 !== 0.3 in floating point; 19.99 * 100 = 1998.9999999999998.
    expect(parseYuan('19.99')).toEqual({ ok: true, fen: 1999 });
    expect(parseYuan('1.15')).toEqual({ ok: true, fen: 115 });
    expect(parseYuan('4.35')).toEqual({ ok: true, fen: 435 });
    expect(parseYuan('120450.25')).toEqual({ ok: true, fen: 12045025 });
    let sum = 0;
    for (let cents = 0; cents < 10000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      const parsed = parseYuan(text);
      if (!parsed.ok || parsed.fen !== cents) throw new Error(`${text} → ${JSON.stringify(parsed)}`);
      sum += parsed.fen;
    }
    expect(Number.isInteger(sum)).toBe(true);
  });

  it('refuses 3 decimals', () => {
    expect(parseYuan('100.123')).toEqual({ ok: false, reason: '金额最多保留2位小数' });
    expect(parseYuan('1,234.500')).toEqual({ ok: false, reason: '金额最多保留2位小数' });
  });

  it.each(['', 'abc', '1.2.3', '12,34', '1,2345', '1e3', '.5', '5.', '元', '一百'])('refuses %j', (input) => {
    expect(parseYuan(input)).toEqual({ ok: false, reason: '不是有效的金额' });
  });
});

describe('parseYuanNumber', () => {
  it('reads a spreadsheet number through its shortest decimal form', () => {
    expect(parseYuanNumber(1234.5)).toEqual({ ok: true, fen: 123450 });
    expect(parseYuanNumber(19.99)).toEqual({ ok: true, fen: 1999 });
    expect(parseYuanNumber(100)).toEqual({ ok: true, fen: 10000 });
    expect(parseYuanNumber(0.001)).toEqual({ ok: false, reason: '金额最多保留2位小数' });
  });
});

describe('fenToYuan', () => {
  it('turns fen back into yuan', () => {
    expect(fenToYuan(123450)).toBe(1234.5);
    expect(fenToYuan(1)).toBe(0.01);
    expect(fenToYuan(12045025)).toBe(120450.25);
  });
});
