import type { LedgerTableName } from '../../db/ledger-schema.ts';
import { dateFromSheetCell, dateTimeFromSheetCell, parseDate, parseDateTime } from '../../lib/dates.ts';
import { type IdDocument, parseIdReference } from '../../lib/id-document.ts';
import { parseYuan } from '../../lib/money.ts';
import type { RawCell } from '../../lib/spreadsheet.ts';
import { cleanCell, PHONE_PATTERN } from '../../lib/text.ts';
import {
  DATE_FOLDS,
  DATE_TIME_FOLDS,
  HOURS_FOLDS,
  HOURS_UNITS,
  LABEL_FOLDS,
  MONEY_FOLDS,
  MONTH_FOLDS,
} from './value-folds.ts';

/** The outcome of reading one cell: a value, nothing (empty), or the reason it is wrong. */
export type CellRead<T> = { ok: true; value: T | null } | { ok: false; reason: string };

export interface Column<T = unknown> {
  /** The Chinese header users write. */
  header: string;
  /**
   * Names IMPORT-SPEC.md gave this column before it was renamed (身份证号 before 证件号码, issue 17): the contract's
   * files keep reading as before, bound as the column's own name with no warning, and so do saved mappings.
   */
  formerHeaders?: readonly string[];
  /** The English name the JSON API uses. */
  key: string;
  required: boolean;
  /** Part of the natural key (IMPORT-SPEC.md **key**). */
  naturalKey?: boolean;
  /** The format as the template and the admin page describe it. */
  format: string;
  /** A value for the template's example row. */
  example: string;
  /**
   * Other ways of writing a value this column reads as one of its own (「团员 → 共青团员」), as listed to users.
   * Set by the column's type (value-folds.ts), never by a kind.
   */
  folds?: string[];
  /** What the value names elsewhere in the database, so that a batch's references are fetched in one query. */
  reference?: ColumnReference;
  read(cell: RawCell): CellRead<T>;
}

/** An organisation's code, a person's identity number, a region's code, or the code of a ledger record. */
export type ColumnReference = 'org' | 'person' | 'region' | { ledger: LedgerTableName };

type ColumnBase = Pick<Column, 'header' | 'key'> &
  Partial<Pick<Column, 'formerHeaders' | 'required' | 'naturalKey' | 'format' | 'example' | 'reference'>> & {
    /** The cell may hold line breaks and tabs (a 备注); other cells are one line. */
    multiline?: boolean;
  };

/** Control characters no cell may hold (PostgreSQL refuses NUL; the others are invisible or break exports). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;

function controlProblem(text: string, multiline: boolean): string | null {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `含有不可见的控制字符 U+${code}，请删除后再导入`;
  }
  if (!multiline && LINE_BREAK.test(text)) return '不能含有换行或制表符：本列只能填一行文字';
  return null;
}

function textOf(cell: RawCell): string | null {
  if (cell instanceof Date) return null;
  return cleanCell(cell == null ? null : String(cell));
}

/** What every empty cell reads as; shared, as a large file has hundreds of thousands of them. */
const EMPTY: CellRead<never> = Object.freeze({ ok: true, value: null });

function column<T>(
  base: ColumnBase,
  format: string,
  read: (text: string, cell: RawCell) => CellRead<T>,
): Column<T> {
  return {
    required: false,
    example: '',
    ...base,
    format: base.format ?? format,
    read(cell) {
      if (cell instanceof Date) return read('', cell);
      const text = textOf(cell);
      if (text == null) return EMPTY;
      const problem = controlProblem(text, base.multiline ?? false);
      return problem ? bad(problem) : read(text, cell);
    },
  };
}

const ok = <T>(value: T): CellRead<T> => ({ ok: true, value });
const bad = (reason: string): CellRead<never> => ({ ok: false, reason });

export function textColumn(base: ColumnBase & { maxLength?: number }): Column<string> {
  const max = base.maxLength ?? 200;
  return column(base, '文本', (text) => (text.length > max ? bad(`长度不能超过${max}个字符`) : ok(text)));
}

export function codeColumn(base: ColumnBase & { pattern: RegExp; reason: string }): Column<string> {
  return column(base, base.reason, (text) => (base.pattern.test(text) ? ok(text) : bad(base.reason)));
}

/**
 * Exactly one of the listed labels, or another spelling of one that value-folds.ts declares for that label
 * (团员 → 共青团员, M → 男; letters in any case); stored as its code. Anything else is an error naming the
 * accepted spellings. Folds come with the labels, never per kind, so every column offering 男 reads M.
 */
export function enumColumn<K extends string>(base: ColumnBase & { labels: Record<K, string> }): Column<K> {
  const byLabel = new Map(Object.entries(base.labels).map(([k, v]) => [v as string, k as K]));
  const list = [...byLabel.keys()].join(' / ');
  const described: string[] = [];
  const folded = new Map<string, string>();
  for (const label of [...byLabel.keys()]) {
    const spellings = (LABEL_FOLDS[label] ?? []).filter((w) => !byLabel.has(w));
    for (const written of spellings) {
      const earlier = folded.get(written.toUpperCase());
      if (earlier && earlier !== label)
        throw new Error(`fold ${written}: both ${earlier} and ${label} in ${base.header}`);
      folded.set(written.toUpperCase(), label);
    }
    if (spellings.length > 0) described.push(`${spellings.join('、')} → ${label}`);
  }
  for (const [written, label] of folded) byLabel.set(written, byLabel.get(label)!);
  const accepted = described.length > 0 ? `${list}；也可写作 ${described.join('；')}` : list;
  return {
    ...column(base, list, (text) => {
      const value = byLabel.get(text) ?? byLabel.get(text.toUpperCase());
      return value ? ok(value) : bad(`不是可选值之一（可填 ${accepted}）`);
    }),
    ...(described.length > 0 ? { folds: described } : {}),
  };
}

/** `20080504` (a compact date, often a number cell) → `2008-05-04`; null when not one. */
function parseCompactDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

/** `2008年5月`, `2008.5`, `2008-05`, `2008/5`, `200805` → the month's first day; null when not a year and month. */
function parseYearMonth(text: string): string | null {
  const m = /^(\d{4})\s*(?:[-/.]|年)?\s*(\d{1,2})\s*月?$/.exec(text);
  if (!m || (m[2]!.length === 1 && !/[-/.年]/.test(text))) return null;
  return parseDate(`${m[1]}-${m[2]}-1`);
}

/**
 * A date, in any of DATE_FOLDS' spellings; with `monthPrecision`, also a year and month alone (智慧团建 keeps
 * 入团年月, 任职年月), read as the month's first day.
 */
export function dateColumn(base: ColumnBase & { monthPrecision?: boolean }): Column<string> {
  const folds = base.monthPrecision ? [...DATE_FOLDS, ...MONTH_FOLDS] : [...DATE_FOLDS];
  return {
    ...column(base, '日期，如 2023-05-04', (text, cell) => {
      if (cell instanceof Date) return ok(dateFromSheetCell(cell));
      const date =
        parseDate(text) ?? parseCompactDate(text) ?? (base.monthPrecision ? parseYearMonth(text) : null);
      if (date) return ok(date);
      return bad(
        base.monthPrecision
          ? '不是有效日期（或年月）：可写作 2008-05-04、2008/5/4、2008.5.4、2008年5月4日、20080504，或只写年月 2008年5月、2008.5、2008-05'
          : '不是有效日期：可写作 2008-05-04、2008/5/4、2008.5.4、2008年5月4日、20080504',
      );
    }),
    folds,
  };
}

export function dateTimeColumn(base: ColumnBase): Column<string> {
  return {
    ...column(base, '日期时间，如 2023-05-04 09:30', (text, cell) => {
      if (cell instanceof Date) return ok(dateTimeFromSheetCell(cell));
      const instant = parseDateTime(text);
      return instant
        ? ok(instant)
        : bad(
            '不是有效的日期时间：可写作 2023-03-05 09:00、2023/3/5 9:00、2023.3.5 09:00:00、2023年3月5日 9:00',
          );
    }),
    folds: [...DATE_TIME_FOLDS],
  };
}

/** Yuan with at most 2 decimals (￥, 元 and thousands separators folded), stored as integer fen. */
export function moneyColumn(base: ColumnBase & { positive?: boolean }): Column<number> {
  return {
    ...column(base, '金额（元），最多2位小数', (text) => {
      const money = parseYuan(text);
      if (!money.ok) return bad(`${money.reason}：可写作 1234.5、1,234.50、￥1234.50、1234.5元`);
      if (base.positive && money.fen <= 0) return bad('金额必须大于0');
      return ok(money.fen);
    }),
    folds: [...MONEY_FOLDS],
  };
}

/** A number of hours (服务时长, 学时), with its unit or without (HOURS_UNITS). */
export function hoursColumn(base: ColumnBase & { decimals: number; positive?: boolean }): Column<number> {
  const pattern = new RegExp(`^\\d+(\\.\\d{1,${base.decimals}})?$`);
  const unit = new RegExp(`\\s*(?:${HOURS_UNITS.join('|')})$`, 'i');
  return {
    ...column(base, `小时数，最多${base.decimals}位小数`, (text) => {
      const figure = text.replace(unit, '');
      if (!/^\d+(\.\d+)?$/.test(figure))
        return bad('不是有效的小时数：可写作 2.5、2.5小时、2学时、2课时、2h');
      if (!pattern.test(figure)) return bad(`最多${base.decimals}位小数`);
      const value = Number(figure);
      if (base.positive && value <= 0) return bad('必须大于0');
      return ok(value);
    }),
    folds: [...HOURS_FOLDS],
  };
}

export function integerColumn(base: ColumnBase & { min: number }): Column<number> {
  return column(base, `整数，不小于${base.min}`, (text) => {
    if (!/^-?\d+$/.test(text)) return bad('应为整数');
    const value = Number(text);
    return value < base.min ? bad(`不能小于${base.min}`) : ok(value);
  });
}

/**
 * The document number of a person on file, whatever his 证件类型 (issue 17 item 7): 18 characters are checked
 * by GB 11643, shorter ones read as a passport's (parseIdReference); the lookup is by the number alone, which
 * names one person. Every column naming a person is of this type (ledger-columns.ts personColumn).
 */
export function idNumberColumn(base: ColumnBase): Column<IdDocument> {
  return column(base, '证件号码：18位身份证号或港澳台居民居住证号码，或护照号码', (text, cell) => {
    if (typeof cell === 'number' && text.length >= 15)
      return bad('证件号码被保存成了数字，末位已丢失，请把该列设为文本格式');
    const parsed = parseIdReference(text);
    return parsed.ok ? ok(parsed.doc) : bad(parsed.reason);
  });
}

/**
 * The number of an identity document whose kind another column of the row gives (证件类型): read as text, upper
 * case, spaces dropped; the format's preparation checks it against its kind.
 */
export function idDocumentColumn(base: ColumnBase): Column<string> {
  return column(base, '证件号码', (text, cell) => {
    if (typeof cell === 'number' && text.length >= 15)
      return bad('证件号码被保存成了数字，末位已丢失，请把该列设为文本格式');
    return ok(text.replace(/\s+/g, '').toUpperCase());
  });
}

export function phoneColumn(base: ColumnBase): Column<string> {
  return column(base, '11位手机号码', (text) =>
    PHONE_PATTERN.test(text) ? ok(text) : bad('手机号码应为以1开头的11位数字'),
  );
}
