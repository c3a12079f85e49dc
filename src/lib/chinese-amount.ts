/**
 * 大写金额 (the amount in Chinese capital numerals) as 《支付结算办法》 requires on receipts and vouchers:
 * 壹拾 is written out (never 拾 alone), a run of zeros inside the number is one 零, zeros ending a 万/亿
 * section are silent, 零 stands before a 角 or 分 that follows a zero place (元 or 角), and 整 closes an
 * amount with no 分. Input is integer fen (DESIGN.md: money is never a float).
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿'];
/** Below 1 万亿 yuan: three sections of four places. */
const LIMIT_FEN = 1e14;

export function uppercaseAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen >= LIMIT_FEN)
    throw new RangeError(`大写金额只能表示 0 至 1 万亿元之间精确到分的金额：${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;

  let text = '';
  // A zero seen since the last digit written: written as one 零 before the next non-zero digit.
  let pendingZero = false;
  // Whether the section just above was written with its name: its trailing zeros need no 零 before a 仟
  // (the standard's ¥107,000.53 is 壹拾万柒仟元…).
  let sectionAboveWritten = false;
  const digits = String(yuan);
  for (let i = 0; i < digits.length; i++) {
    const position = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) {
      if (text) pendingZero = true;
    } else {
      if (pendingZero && !(position % 4 === 3 && sectionAboveWritten)) text += '零';
      pendingZero = false;
      text += DIGITS[d]! + PLACES[position % 4]!;
    }
    // The section's name follows it when any of its four places is not zero.
    if (position % 4 === 0 && position > 0) {
      const section = digits.slice(Math.max(0, i - 3), i + 1);
      sectionAboveWritten = Number(section) !== 0;
      if (sectionAboveWritten) text += SECTIONS[position / 4]!;
    }
  }
  if (yuan > 0) text += '元';

  if (jiao === 0 && cents === 0) return `${text || '零元'}整`;
  if (jiao > 0) {
    if (yuan > 0 && (pendingZero || yuan % 10 === 0)) text += '零';
    text += `${DIGITS[jiao]}角`;
  } else if (yuan > 0) {
    text += '零';
  }
  return cents > 0 ? `${text}${DIGITS[cents]}分` : `${text}整`;
}
