/**
 * What an identity number says of its holder, read in the browser so that the person form fills 性别 and
 * 出生日期 as the number is typed. The server reads the same rules (src/lib/id-document.ts) and has the last word.
 */
export const idTypeLabels = {
  resident_id: '居民身份证',
  hkmt_residence_permit: '港澳台居民居住证',
  passport: '护照',
} as const;
export type IdType = keyof typeof idTypeLabels;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Sex and birth date of a valid 18-digit number (GB 11643, also 港澳台居民居住证), else null. */
export function derivedFromIdNumber(input: string): { gender: '男' | '女'; birthDate: string } | null {
  const n = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * WEIGHTS[i]!;
  if (CHECK_CHARS[sum % 11] !== n[17]) return null;
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate) return null;
  return { gender: Number(n[16]) % 2 === 1 ? '男' : '女', birthDate };
}

/** The form's check of a number of that type, with the server's messages. */
export function idNumberProblem(idType: IdType, input: string): string | null {
  const n = input.replace(/\s+/g, '').toUpperCase();
  if (idType === 'passport')
    return /^(?=.*\d)[A-Z0-9]{5,17}$/.test(n) ? null : '护照号码应为5至17位字母或数字';
  const label = idTypeLabels[idType];
  if (!/^\d{17}[\dX]$/.test(n)) return `${label}号码应为18位，最后一位可为X`;
  if (!derivedFromIdNumber(n)) return `${label}号码有误：出生日期或校验位不对，请核对`;
  const permit = /^8[123]/.test(n);
  if (idType === 'hkmt_residence_permit' && !permit)
    return '港澳台居民居住证号码应以81（香港）、82（澳门）或83（台湾）开头';
  if (idType === 'resident_id' && permit)
    return '以81、82、83开头的是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”';
  return null;
}
