import type { LedgerTableName } from '../../db/ledger-schema.ts';
import { codeColumn, idNumberColumn } from './columns.ts';

/** Columns that many ledgers share, declared once. */
export const orgCodeColumn = (header = '组织编码', extra: { format?: string; example?: string } = {}) =>
  codeColumn({
    header,
    key: 'org_code',
    required: true,
    example: extra.example ?? 'SL-A',
    pattern: /^[A-Za-z0-9-]{1,32}$/,
    reason: '组织编码格式不正确',
    format: extra.format ?? '组织编码',
    reference: 'org',
  });

/**
 * A person on file, named by his document number. The column says 证件号码 (any 证件类型, issue 17); the contract's
 * 身份证号 (`formerHeader`) still reads as this column.
 */
export const personColumn = (
  header = '证件号码',
  key = 'id_number',
  naturalKey = true,
  formerHeader = '身份证号',
) =>
  idNumberColumn({
    header,
    formerHeaders: [formerHeader],
    key,
    required: true,
    naturalKey,
    example: '41142420050101001X',
    format: '已导入人员的证件号码：18位身份证号或港澳台居民居住证号码，或护照号码',
    reference: 'person',
  });

export const recordCodeColumn = (
  header: string,
  {
    key = 'code',
    naturalKey = true,
    required = true,
    example = 'SL-A-0001',
    refersTo,
  }: {
    key?: string;
    naturalKey?: boolean;
    required?: boolean;
    example?: string;
    /** The ledger whose record this code names (a reference, not the row's own code). */
    refersTo?: LedgerTableName;
  } = {},
) =>
  codeColumn({
    header,
    key,
    required,
    naturalKey,
    example,
    ...(refersTo ? { reference: { ledger: refersTo } } : {}),
    pattern: /^[A-Za-z0-9_-]{1,40}$/,
    reason: `${header}只能包含字母、数字、- 和 _，最多40位`,
  });

export const regionCodeColumn = (required: boolean) =>
  codeColumn({
    header: '所在区划编码',
    key: 'region_code',
    required,
    example: '419901001',
    pattern: /^\d{6,12}$/,
    reason: '区划编码应为6至12位数字',
    reference: 'region',
  });

/** An enumeration stored as the label itself, for vocabularies that are their own Chinese words. */
export function labelsOf<const T extends readonly string[]>(labels: T): Record<T[number], string> {
  return Object.fromEntries(labels.map((l) => [l, l])) as Record<T[number], string>;
}
