import { formatDate, isRealDate } from './dates.ts';

/** 中华人民共和国居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check character. */
export interface IdNumberInfo {
  idNumber: string;
  birthDate: string;
  gender: '男' | '女';
  regionCode: string;
}

export type IdNumberParse = { ok: true; info: IdNumberInfo } | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function parseIdNumber(input: string): IdNumberParse {
  const idNumber = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, reason: '身份证号应为18位，最后一位可为X' };
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  if (!isRealDate(year, month, day) || year < 1900) {
    return { ok: false, reason: '身份证号中的出生日期不是有效日期' };
  }
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { ok: false, reason: '身份证号校验位错误' };
  }
  return {
    ok: true,
    info: {
      idNumber,
      birthDate: formatDate(year, month, day),
      gender: Number(idNumber[16]) % 2 === 1 ? '男' : '女',
      regionCode: idNumber.slice(0, 6),
    },
  };
}

/**
 * `4114************11` (DESIGN.md): the first 4 and the last 2. The county digits, the birth date and most of the
 * sequence stay hidden, so with an age and a gender beside it thousands of numbers still fit the mask.
 */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 4)}************${idNumber.slice(-2)}`;
}

/** Builds a valid number from its parts; for demo data, tests and benchmarks. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
