import { type IdNumberInfo, maskIdNumber, parseIdNumber } from './id-number.ts';

/**
 * 证件类型 a person is registered with (issue 17, item 7). 港澳台居民居住证 numbers follow GB 11643 (18 digits,
 * the same check character) with 810000 / 820000 / 830000 in place of the region; a passport carries neither
 * birth date nor sex, so those are typed and kept as typed.
 */
export const ID_TYPES = {
  resident_id: '居民身份证',
  hkmt_residence_permit: '港澳台居民居住证',
  passport: '护照',
} as const;
export type IdType = keyof typeof ID_TYPES;

export interface IdDocument {
  idType: IdType;
  /** The number as stored (upper case, no spaces). */
  idNumber: string;
  /** What the number itself says; null for a passport. */
  derived: Pick<IdNumberInfo, 'birthDate' | 'gender'> | null;
}

export type IdDocumentParse = { ok: true; doc: IdDocument } | { ok: false; reason: string };

const PERMIT_PREFIX = /^8[123]/;
/** Chinese passports are E/G + 8 digits or E + a letter + 7 digits; others vary: letters and digits, 5 to 17. */
const PASSPORT = /^(?=.*\d)[A-Z0-9]{5,17}$/;

export function parseIdDocument(idType: IdType, input: string): IdDocumentParse {
  const text = input.replace(/\s+/g, '').toUpperCase();
  if (idType === 'passport') {
    if (!PASSPORT.test(text)) return { ok: false, reason: '护照号码应为5至17位字母或数字' };
    return { ok: true, doc: { idType, idNumber: text, derived: null } };
  }
  const parsed = parseIdNumber(text);
  if (!parsed.ok) {
    if (idType === 'resident_id') return parsed;
    return { ok: false, reason: parsed.reason.replace('身份证号', '港澳台居民居住证号码') };
  }
  const permit = PERMIT_PREFIX.test(parsed.info.idNumber);
  if (idType === 'hkmt_residence_permit' && !permit)
    return { ok: false, reason: '港澳台居民居住证号码应以81（香港）、82（澳门）或83（台湾）开头' };
  if (idType === 'resident_id' && permit)
    return {
      ok: false,
      reason: '以81、82、83开头的是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”',
    };
  const { idNumber, birthDate, gender } = parsed.info;
  return { ok: true, doc: { idType, idNumber, derived: { birthDate, gender } } };
}

/**
 * Masked as DESIGN.md asks of the identity number. A passport number is short (often 9 characters): the first 4
 * and last 2 would leave 3 hidden, so only its first character and last 2 show.
 */
export function maskIdDocument(idType: IdType, idNumber: string): string {
  if (idType === 'passport') return `${idNumber.slice(0, 1)}************${idNumber.slice(-2)}`;
  return maskIdNumber(idNumber);
}

export function isIdType(value: string): value is IdType {
  return Object.hasOwn(ID_TYPES, value);
}

/**
 * The number of a registered person's document, whatever its 证件类型 (a reference to someone on file: an
 * import's 身份证号 column, the transfer-in form, the API's idNumber). Without a type the number tells it: 18
 * characters are a GB 11643 number (居民身份证, or 港澳台居民居住证 by its 81/82/83), anything shorter a
 * passport's, which has at most 17; so a lookup by its hash finds the one person it can name. With a type the
 * number is checked against it, as at entry.
 */
export function parseIdReference(input: string, idType?: IdType): IdDocumentParse {
  const text = input.replace(/\s+/g, '').toUpperCase();
  if (idType) return parseIdDocument(idType, text);
  if (text.length === 18) {
    const parsed = parseIdNumber(text);
    if (!parsed.ok) return parsed;
    return parseIdDocument(PERMIT_PREFIX.test(text) ? 'hkmt_residence_permit' : 'resident_id', text);
  }
  if (PASSPORT.test(text)) return { ok: true, doc: { idType: 'passport', idNumber: text, derived: null } };
  return {
    ok: false,
    reason: '证件号码应为18位身份证号或港澳台居民居住证号码，或5至17位字母、数字的护照号码',
  };
}
