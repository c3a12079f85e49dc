import { describe, expect, it } from 'vitest';
import { cleanCell, foldWidth, maskName, maskPhone, PHONE_PATTERN } from './text.ts';

describe('foldWidth', () => {
  it('folds full-width digits, letters and punctuation to half-width', () => {
    expect(foldWidth('４１１４')).toBe('4114');
    expect(foldWidth('４１１４２４２００５０１０１００１Ｘ')).toBe('41142420050101001X');
    expect(foldWidth('ｘ')).toBe('x');
    expect(foldWidth('：')).toBe(':');
    expect(foldWidth('ＳＬ－Ａ')).toBe('SL-A');
    expect(foldWidth('（１）')).toBe('(1)');
    expect(foldWidth('！～')).toBe('!~');
  });

  it('turns the ideographic space into a plain space', () => {
    expect(foldWidth('张\u3000三')).toBe('张 三');
  });

  it('folds the full-width comma but leaves Chinese characters and ideographic punctuation alone', () => {
    expect(foldWidth('共青团员，团支部。')).toBe('共青团员,团支部。');
    expect(foldWidth('《团章》、')).toBe('《团章》、');
    expect(foldWidth('2023年5月4日')).toBe('2023年5月4日');
  });
});

describe('cleanCell', () => {
  it('trims after folding, so ideographic spaces around a value go', () => {
    expect(cleanCell('\u3000 ＳＬ－Ａ \u3000')).toBe('SL-A');
  });

  it('gives null for nothing', () => {
    expect(cleanCell(null)).toBeNull();
    expect(cleanCell(undefined)).toBeNull();
    expect(cleanCell('')).toBeNull();
    expect(cleanCell('  \u3000 ')).toBeNull();
  });
});

describe('maskName', () => {
  it('keeps the first and last characters', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('张');
    expect(maskName('')).toBe('');
  });

  it('counts characters beyond the basic plane as one', () => {
    expect(maskName('𠀋小明')).toBe('𠀋*明');
  });
});

describe('phones', () => {
  it('masks the middle four digits', () => {
    expect(maskPhone('13912344568')).toBe('139****4568');
    expect(maskPhone('12345')).toBe('12345');
  });

  it('accepts 11 digits starting with 1 only', () => {
    expect(PHONE_PATTERN.test('13912344568')).toBe(true);
    expect(PHONE_PATTERN.test('23912344568')).toBe(false);
    expect(PHONE_PATTERN.test('1391234456')).toBe(false);
    expect(PHONE_PATTERN.test('139123445688')).toBe(false);
  });
});
