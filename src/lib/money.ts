import { ValidationError } from './errors.ts';

/** Money is integer fen (DESIGN.md); input is yuan with at most 2 decimals: `1,234.50`, `1234.5元`. */
export type MoneyParse = { ok: true; fen: number } | { ok: false; reason: string };

const MONEY_PATTERN = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

export function parseYuan(text: string): MoneyParse {
  const cleaned = text
    .trim()
    .replace(/元$/, '')
    .replace(/^[¥￥]/, '')
    .trim();
  const m = MONEY_PATTERN.exec(cleaned);
  if (!m) return { ok: false, reason: '不是有效的金额' };
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return { ok: false, reason: '金额最多保留2位小数' };
  const whole = Number(m[2]!.replaceAll(',', ''));
  const fen = whole * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: '金额过大' };
  return { ok: true, fen: m[1] === '-' ? -fen : fen };
}

/** A spreadsheet number cell holding yuan; floats are read through their shortest decimal form. */
export function parseYuanNumber(value: number): MoneyParse {
  return parseYuan(String(value));
}

export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** A money amount typed in a form: yuan, more than 0, at most 2 decimals; returned in fen. */
export function fenOf(field: string, yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (!(yuan > 0) || Math.abs(fen - yuan * 100) > 1e-6) {
    throw ValidationError.field(field, yuan, '金额应大于0，最多保留2位小数');
  }
  if (!Number.isSafeInteger(fen)) throw ValidationError.field(field, yuan, '金额过大');
  return fen;
}
