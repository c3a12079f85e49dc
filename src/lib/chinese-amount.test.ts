import { describe, expect, it } from 'vitest';
import { uppercaseAmount } from './chinese-amount.ts';

/** 大写金额 as 《支付结算办法》 (附件 正确填写票据和结算凭证的基本规定) writes it; amounts in fen. */
describe('uppercaseAmount', () => {
  it.each([
    [123450, '壹仟贰佰叁拾肆元伍角整'],
    [5, '伍分'],
    [10000000, '壹拾万元整'],
    // 元 is 0 and 角 is not: 零 written, as in the standard's ¥1,680.32.
    [100001010, '壹佰万零壹拾元零壹角整'],
    [1000, '壹拾元整'],
    [0, '零元整'],
    [100, '壹元整'],
    [50, '伍角整'],
    [32, '叁角贰分'],
    // The standard's own examples.
    [168032, '壹仟陆佰捌拾元零叁角贰分'],
    [10700053, '壹拾万柒仟元零伍角叁分'],
    [600714, '陆仟零柒元壹角肆分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [100100, '壹仟零壹元整'],
    [1005, '壹拾元零伍分'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [10100000000, '壹亿零壹佰万元整'],
    [1100000000, '壹仟壹佰万元整'],
    [2000200, '贰万零贰元整'],
    // A 万 section of zeros between two others is one 零, even before a 仟.
    [10000100000, '壹亿零壹仟元整'],
    [1010101, '壹万零壹佰零壹元零壹分'],
  ])('%d fen → %s', (fen, text) => {
    expect(uppercaseAmount(fen)).toBe(text);
  });

  it('refuses what a receipt cannot state', () => {
    expect(() => uppercaseAmount(-1)).toThrow();
    expect(() => uppercaseAmount(1.5)).toThrow();
    expect(() => uppercaseAmount(1e14)).toThrow();
  });
});
